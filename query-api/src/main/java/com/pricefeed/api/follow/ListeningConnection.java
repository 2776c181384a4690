package com.pricefeed.api.follow;

import com.pricefeed.database.Channels;
import com.pricefeed.platform.config.DatabaseConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens the follower's connection: LISTENing on {@value #CHANNEL}, in autocommit and repeatable-read mode as
 * {@link MasterReads} needs it, and bounded in time, so a peer that stops answering fails a read instead of holding
 * it forever.
 */
final class ListeningConnection {

    /** The channel on which the sink names, inside each batch transaction, the symbols it upserted. */
    static final String CHANNEL = Channels.REALTIME_SYMBOLS_CHANGED;

    private ListeningConnection() {
    }

    /** @param timeout the connect, login and socket timeout, rounded up to whole seconds as the driver counts them */
    static Connection open(DatabaseConfig database, Duration timeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "query-api-follower");
        String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("tcpKeepAlive", "true");
        // The reads are by key. Tables that are never analyzed (autovacuum off) keep the plans cached while they were
        // small, and those scan them whole however large they grow: this session plans with the indexes instead.
        // Disabling a plan type adds a huge constant to its cost, which lifts the full read's estimate past the JIT
        // thresholds: PostgreSQL then compiled that read (one node per history partition) for 8 s on a loaded 2-core
        // host, past this connection's socket timeout, though the read itself takes 20 ms. No JIT here.
        properties.setProperty("options", "-c enable_seqscan=off -c jit=off");
        Connection connection = DriverManager.getConnection(database.url(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}
