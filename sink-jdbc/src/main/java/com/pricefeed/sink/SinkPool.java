package com.pricefeed.sink;

import com.pricefeed.platform.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The sink's connections: transactions (no autocommit), failing fast while PostgreSQL is away. */
final class SinkPool {

    private SinkPool() {
    }

    static HikariDataSource open(DatabaseConfig database, int size) {
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
        return new HikariDataSource(hikari);
    }
}
