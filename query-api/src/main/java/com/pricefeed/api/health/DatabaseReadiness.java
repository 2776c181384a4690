package com.pricefeed.api.health;

import com.pricefeed.platform.ops.Health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ready when the database answers and Flyway has applied the schema: {@code flyway_schema_history} holds at least one
 * successful migration and no failed one.
 */
public final class DatabaseReadiness implements Health {

    private static final String MIGRATIONS = """
            SELECT count(*) FILTER (WHERE success) AS applied, count(*) FILTER (WHERE NOT success) AS failed
              FROM flyway_schema_history
            """;
    private static final String UNDEFINED_TABLE = "42P01";

    private final DataSource dataSource;

    public DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Status check() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(MIGRATIONS);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            if (rows.getLong("failed") > 0) {
                return Status.down("a database migration failed");
            }
            return rows.getLong("applied") > 0 ? Status.up() : Status.down("database migrations not applied yet");
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Status.down("database migrations not applied yet");
            }
            return Status.down("database unreachable");
        }
    }
}
