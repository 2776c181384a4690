package com.pricefeed.api.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs a {@code SELECT EXISTS (…)} whose one parameter is a symbol: whether a table holds any row of it. */
public final class SymbolLookups {

    private SymbolLookups() {
    }

    public static boolean exists(DataSource dataSource, String existsSql, String symbol) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(existsSql)) {
            statement.setString(1, symbol);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
