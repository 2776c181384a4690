package com.pricefeed.sink;

import com.pricefeed.platform.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The sink's connections: transactions (no autocommit), and every wait on PostgreSQL bounded by the
 * {@link DatabaseTimeouts}, so a held lock or a silent server turns into an error the sink retries.
 */
final class SinkPool {

    private SinkPool() {
    }

    static HikariDataSource open(DatabaseConfig database, int size, DatabaseTimeouts timeouts) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("price-sink");
        hikari.setJdbcUrl(database.url());
        hikari.setUsername(database.user());
        hikari.setPassword(database.password());
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(false);
        // Fail a connection attempt quickly during an outage; the loop retries with its own backoff.
        hikari.setConnectionTimeout(2_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("ApplicationName", "price-sink");
        hikari.addDataSourceProperty("socketTimeout", Integer.toString(timeouts.socketSeconds()));
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.addDataSourceProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis()
                + " -c lock_timeout=" + timeouts.lock().toMillis());
        return new HikariDataSource(hikari);
    }
}
