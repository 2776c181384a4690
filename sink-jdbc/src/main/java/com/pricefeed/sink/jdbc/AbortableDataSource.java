package com.pricefeed.sink.jdbc;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The pool as one thread borrows from it, remembering the connection it borrowed last so that another thread can
 * abort it: closing its socket ends a call blocked on a silent server at once, and PostgreSQL rolls back what that
 * connection had not committed. Aborting a connection already given back does nothing: the pool's handle on it is
 * closed by then, and the pool's connection itself is untouched.
 */
public final class AbortableDataSource implements DataSource {

    private final DataSource pool;
    private final AtomicReference<Connection> lastBorrowed = new AtomicReference<>();

    public AbortableDataSource(DataSource pool) {
        this.pool = pool;
    }

    /** Aborts the connection borrowed last, if it is still borrowed. */
    public void abortLastBorrowed() {
        Connection connection = lastBorrowed.get();
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException alreadyGivenBack) {
            // Nothing left to abort.
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrowed(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return borrowed(pool.getConnection(username, password));
    }

    private Connection borrowed(Connection connection) {
        lastBorrowed.set(connection);
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
