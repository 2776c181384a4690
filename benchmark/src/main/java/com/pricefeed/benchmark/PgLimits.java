package com.pricefeed.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** How many more connections PostgreSQL accepts now (max_connections minus those in use, minus a margin). */
final class PgLimits {

    private static final int MARGIN = 10;

    private PgLimits() {
    }

    static int freeConnections(BenchDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)")) {
            rows.next();
            return Math.max(2, rows.getInt(1) - MARGIN);
        }
    }
}
