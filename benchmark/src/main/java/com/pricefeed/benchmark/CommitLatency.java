package com.pricefeed.benchmark;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long PostgreSQL takes to commit a one-row insert on this host, measured alongside a latency phase 20 times a
 * second, in a database of its own. Each such commit waits for a WAL flush, as every sink batch does, so this is the
 * host's share of the commits on a tick's path: the floor under the sink's write time, which moves with the host's
 * storage rather than with this system. Recorded from {@code recordFrom} on, like the ticks.
 */
final class CommitLatency implements AutoCloseable {

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    private final Connection connection;
    private final long recordFromNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    /** Starts committing through {@code connection}, a session of its own on a database of its own. */
    CommitLatency(Connection connection, Instant recordFrom) throws SQLException {
        this.connection = connection;
        this.recordFromNanos = LatencyProbe.nanoTimeAt(recordFrom);
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS commit_probe (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        thread = new Thread(this::commitRepeatedly, "bench-commit-latency");
        thread.setDaemon(true);
        thread.start();
    }

    private void commitRepeatedly() {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commit_probe DEFAULT VALUES")) {
            while (running) {
                long begun = System.nanoTime();
                insert.executeUpdate();
                long committed = System.nanoTime();
                if (begun >= recordFromNanos) {
                    histogram.recordValue((committed - begun) / 1_000);
                }
                LockSupport.parkNanos(Math.max(0, begun + INTERVAL_NANOS - System.nanoTime()));
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    /** Stops committing; the commit time percentiles in milliseconds. */
    Map<String, Object> stop() throws InterruptedException, SQLException {
        close();
        if (failure != null) {
            throw failure;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("commit_probe_count", histogram.getTotalCount());
        figures.put("commit_probe_p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
        figures.put("commit_probe_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
        figures.put("commit_probe_max_ms", histogram.getMaxValue() / 1000.0);
        return figures;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
