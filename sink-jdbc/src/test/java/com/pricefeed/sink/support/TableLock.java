package com.pricefeed.sink.support;

import com.pricefeed.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Another session holding a lock on a table that blocks writes to it (reads go on), until closed. */
public final class TableLock implements AutoCloseable {

    private final Connection session;

    private TableLock(Connection session) {
        this.session = session;
    }

    public static TableLock blockingWrites(TestDatabase database, String table) throws SQLException {
        Connection session = database.connect();
        try (Statement statement = session.createStatement()) {
            session.setAutoCommit(false);
            statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            return new TableLock(session);
        } catch (SQLException e) {
            session.close();
            throw e;
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws SQLException {
        try (session) {
            session.rollback();
        }
    }
}
