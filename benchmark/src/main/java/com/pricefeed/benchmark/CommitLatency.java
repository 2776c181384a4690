package com.pricefeed.benchmark;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

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
 * How long one small commit takes on this host, measured alongside a latency phase 20 times a second, on resources
 * of its own: a one-row PostgreSQL insert (its commit waits for a WAL flush, as every sink batch does) or a Kafka
 * transaction of one record (begin, send, commit with its markers, as every processor commit does). These are the
 * host's share of the commits on a tick's path, which move with the host's storage and scheduling rather than with
 * this system. Recorded from {@code recordFrom} on, like the ticks.
 */
final class CommitLatency implements AutoCloseable {

    /** One small commit, timed by the probe. */
    @FunctionalInterface
    interface Commit {
        void run() throws Exception;
    }

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String name;
    private final Commit commit;
    private final AutoCloseable resource;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    private final long recordFromNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    private CommitLatency(String name, Commit commit, AutoCloseable resource, Instant recordFrom) {
        this.name = name;
        this.commit = commit;
        this.resource = resource;
        this.recordFromNanos = LatencyProbe.nanoTimeAt(recordFrom);
        thread = new Thread(this::commitRepeatedly, "bench-" + name + "-commit-latency");
        thread.setDaemon(true);
        thread.start();
    }

    /** One-row inserts through {@code connection}, a session of its own on a database of its own, in autocommit. */
    static CommitLatency postgresql(Connection connection, Instant recordFrom) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS commit_probe (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        PreparedStatement insert = connection.prepareStatement("INSERT INTO commit_probe DEFAULT VALUES");
        return new CommitLatency("postgresql", insert::executeUpdate, insert, recordFrom);
    }

    /** One-record transactions through {@code producer} (transactional, initialized, used by nothing else) to {@code topic}. */
    static CommitLatency kafka(KafkaProducer<byte[], byte[]> producer, String topic, Instant recordFrom) {
        byte[] value = new byte[100];
        return new CommitLatency("kafka", () -> {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, value));
            producer.commitTransaction();
        }, () -> { }, recordFrom);
    }

    private void commitRepeatedly() {
        try {
            while (running) {
                long begun = System.nanoTime();
                commit.run();
                long committed = System.nanoTime();
                if (begun >= recordFromNanos) {
                    histogram.recordValue((committed - begun) / 1_000);
                }
                LockSupport.parkNanos(Math.max(0, begun + INTERVAL_NANOS - System.nanoTime()));
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Stops committing; how many commits were recorded and their time percentiles in milliseconds. */
    Map<String, Object> stop() throws Exception {
        close();
        if (failure != null) {
            throw failure;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(name + "_commit_probe_count", histogram.getTotalCount());
        figures.put(name + "_commit_p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
        figures.put(name + "_commit_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
        figures.put(name + "_commit_max_ms", histogram.getMaxValue() / 1000.0);
        return figures;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join();
        resource.close();
    }
}
