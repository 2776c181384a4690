package com.pricefeed.sink.support;

import com.pricefeed.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-value queries and statements on a test database, each on a connection of its own. */
public final class Queries {

    private final TestDatabase database;

    public Queries(TestDatabase database) {
        this.database = database;
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, as text. */
    public String text(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    public long number(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }
}
