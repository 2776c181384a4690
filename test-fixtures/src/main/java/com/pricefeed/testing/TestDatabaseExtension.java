package com.pricefeed.testing;

import com.pricefeed.platform.config.DatabaseConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One {@link TestDatabase} for all the tests of a class: created before the class's first test, dropped after its
 * last. A test class holds it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabaseExtension database = new TestDatabaseExtension();
 * }</pre>
 *
 * JUnit runs its {@code beforeAll} before the class's own {@code @BeforeAll} methods and its {@code afterAll} after the
 * class's {@code @AfterAll} methods, so what those start on the database (a schema, a pool, a service) comes up after
 * it and is stopped before it is dropped.
 */
public final class TestDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
    }

    /** The database, from before the class's first test to after its last (null outside that). */
    public TestDatabase database() {
        return database;
    }

    /** {@link TestDatabase#config()} of {@link #database()}. */
    public DatabaseConfig config() {
        return database().config();
    }

    /** {@link TestDatabase#connect()} of {@link #database()}. */
    public Connection connect() throws SQLException {
        return database().connect();
    }

    /** {@link TestDatabase#name()} of {@link #database()}. */
    public String name() {
        return database().name();
    }
}
