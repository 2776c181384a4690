package com.pricefeed.testing;

import com.pricefeed.platform.config.DatabaseConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the local PostgreSQL for one test class, dropped on close, so test classes never see
 * each other's rows. The server is {@code TEST_DATABASE_HOST_URL} (default {@code jdbc:postgresql://127.0.0.1:5432})
 * as {@code TEST_DATABASE_USER} (default {@code postgres}), as {@code .ci/run} sets it up.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = envOr("TEST_DATABASE_HOST_URL", "jdbc:postgresql://127.0.0.1:5432");
    private static final String USER = envOr("TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = envOr("TEST_DATABASE_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "prices_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public DatabaseConfig config() {
        return new DatabaseConfig(SERVER + "/" + name, USER, PASSWORD);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + "/" + name, USER, PASSWORD);
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "/postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run \"" + sql + "\" on " + SERVER + " as " + USER
                    + " — is the local PostgreSQL up? (.ci/run starts it): " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
