package com.pricefeed.benchmark;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.database.HistoryPartitions;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.schemas.history.HistoryRecord;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one measurement, dropped on close; plus the few queries the harness needs. It is
 * made on the server the tests use: {@code TEST_DATABASE_HOST_URL} (default {@code jdbc:postgresql://127.0.0.1:5432})
 * as {@code TEST_DATABASE_USER} (default {@code postgres}) with {@code TEST_DATABASE_PASSWORD}.
 */
final class BenchDatabase implements AutoCloseable {

    private static final DatabaseConfig SERVER = new DatabaseConfig(
            setting("TEST_DATABASE_HOST_URL", "jdbc:postgresql://127.0.0.1:5432"),
            setting("TEST_DATABASE_USER", "postgres"),
            setting("TEST_DATABASE_PASSWORD", ""));

    private final String name = "prices_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DatabaseConfig database = new DatabaseConfig(SERVER.url() + "/" + name, SERVER.user(), SERVER.password());
    private final Connection watcher;

    private BenchDatabase(String migrateTo) throws SQLException {
        onServer("CREATE DATABASE " + name);
        if (migrateTo != null) {
            Flyway.configure().dataSource(database.url(), database.user(), database.password())
                    .locations("classpath:db/migration").target(migrateTo).load().migrate();
        }
        watcher = connect();
    }

    /** An empty database; the sink migrates it when it starts. */
    static BenchDatabase empty() throws SQLException {
        return new BenchDatabase(null);
    }

    /** A database with the sink's schema (Flyway migrations) already applied. */
    static BenchDatabase migrated() throws SQLException {
        return migratedTo(Integer.toString(DatabaseSchema.VERSION));
    }

    /** A database with the migrations up to {@code version} applied, to measure a schema change against its past. */
    static BenchDatabase migratedTo(String version) throws SQLException {
        return new BenchDatabase(version);
    }

    DatabaseConfig config() {
        return database;
    }

    String name() {
        return name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    /** A pool of one connection, so that one PostgreSQL backend does all of a writer's work. */
    HikariDataSource singleConnectionPool() {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(database.url());
        hikari.setUsername(database.user());
        hikari.setPassword(database.password());
        hikari.setMaximumPoolSize(1);
        return new HikariDataSource(hikari);
    }

    /**
     * Creates the daily history partitions the records' ticks need, as the sink does before a batch (there is no
     * default partition): for the baselines that write history rows without the sink, before they are timed.
     */
    void coverHistory(Collection<HistoryRecord> records) throws SQLException {
        try (Connection connection = connect()) {
            HistoryPartitions.cover(connection, records.stream().map(record -> record.tick().sourceTimestamp()).toList(),
                    Duration.ofDays(1));
        }
    }

    /** Registers providers as the sink does on first sight (code order), returning their ids. */
    Map<String, Long> registerProviders(Collection<String> codes) throws SQLException {
        Map<String, Long> ids = new LinkedHashMap<>();
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO market_data_providers (code, display_name) VALUES (?, ?) RETURNING id")) {
            for (String code : new TreeSet<>(codes)) {
                insert.setString(1, code);
                insert.setString(2, code);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    ids.put(code, rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Committed history rows, cheaply: the greatest id (an index lookup). The sink allocates ids in order, one
     * writer, so it equals the row count unless a rolled-back batch burned ids; {@link #awaitRows} confirms with count(*).
     * The lookup walks down past every row of the transaction in flight, each a heap visit to find it uncommitted:
     * 2.5 to 10 ms with 20,000 in flight, so it is for small batches (end to end); see {@link #committedOffsets}.
     */
    long maxHistoryId() throws SQLException {
        return single("SELECT coalesce(max(id), 0) FROM realtime_price_history");
    }

    /**
     * The sink's committed positions in {@code topic}, summed: as many as the history rows it wrote when the topic's
     * offsets have no gaps (a non-transactional producer, no poison). A lookup of a few rows, whatever is in flight.
     */
    long committedOffsets(String topic) throws SQLException {
        try (PreparedStatement statement = watcher.prepareStatement(
                "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets WHERE topic = ?")) {
            statement.setString(1, topic);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    long historyRows() throws SQLException {
        return single("SELECT count(*) FROM realtime_price_history");
    }

    long candleRows() throws SQLException {
        return single("SELECT count(*) FROM realtime_price_candles_1m");
    }

    long masterRows() throws SQLException {
        return single("SELECT count(*) FROM realtime_symbols");
    }

    /** Waits until exactly {@code expected} history rows are committed; returns when that was seen (nanoTime). */
    long awaitRows(long expected, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (maxHistoryId() >= expected) {
                long seenAt = System.nanoTime();
                long count = historyRows();
                if (count == expected) {
                    return seenAt;
                }
                if (count > expected) {
                    throw new IllegalStateException("Expected " + expected + " history rows, found " + count);
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("Only " + historyRows() + " of " + expected + " history rows after " + timeout);
    }

    /** A digest of the history rows' content, ids aside (they depend on batch order), to compare two databases. */
    String historyDigest() throws SQLException {
        try (Statement statement = watcher.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT md5(string_agg(concat_ws(',', h.symbol, h.price, h.volume, h.source_timestamp, h.fetched_at,
                                                     p.code, h.open_price, h.high_price, h.low_price, h.previous_close),
                                           '|' ORDER BY h.symbol, h.source_timestamp))
                       FROM realtime_price_history h JOIN market_data_providers p ON p.id = h.provider_id""")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement statement = watcher.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            watcher.close();
        } finally {
            onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection server = DriverManager.getConnection(SERVER.url() + "/postgres", SERVER.user(), SERVER.password());
             Statement statement = server.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
