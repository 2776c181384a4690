package com.pricefeed.api;

import com.pricefeed.platform.config.DatabaseConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * The API's read-only connection pool. Sessions are opened read-only, so even a mistaken statement cannot write;
 * the pool starts without the database (a request then answers 503) and waits at most the configured connect
 * timeout for a connection.
 */
final class DatabasePool {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    /** A peer that stops answering (a hung connection) ends the lookup soon after the statement timeout would. */
    private static final Duration SOCKET_TIMEOUT = STATEMENT_TIMEOUT.plusSeconds(5);

    private DatabasePool() {
    }

    static HikariDataSource open(ApiConfig config, MeterRegistry registry) {
        DatabaseConfig database = config.database();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("query-api");
        hikari.setJdbcUrl(database.url());
        hikari.setUsername(database.user());
        hikari.setPassword(database.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setReadOnly(true);
        hikari.setAutoCommit(true);
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(1000, config.connectTimeout().toMillis()));
        hikari.setInitializationFailTimeout(-1);
        // pgJDBC enforces read-only only inside explicit transactions unless told to, and our reads autocommit.
        hikari.addDataSourceProperty("readOnlyMode", "always");
        hikari.addDataSourceProperty("ApplicationName", "query-api");
        hikari.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        hikari.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
        hikari.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        hikari.setMetricRegistry(registry);
        return new HikariDataSource(hikari);
    }
}
