package com.pricefeed.benchmark;

import com.pricefeed.database.Channels;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency from "tick produced" to "its rows committed" at a constant offered rate, free of coordinated omission:
 * tick i is due at {@code start + i / rate} and carries that intended time as its {@code source_timestamp}; if the
 * generator falls behind it sends late but the latency still counts from the intended time. The observer LISTENs
 * to the sink's commit notification ({@code realtime_symbols_changed}, sent by the same transaction that writes the
 * master and history rows) and, when woken, reads the new history rows' source timestamps: latency = wake-up time −
 * intended send time. The first quarter of each phase is warm-up and not recorded. A {@link HistoryWatcher} measures
 * the processor's share alongside: the time until the tick is visible on {@code price-history}; a
 * {@link WakeUpLateness} how late the host wakes a sleeping thread meanwhile, and two {@link CommitLatency} probes
 * how long a one-row PostgreSQL commit and a one-record Kafka transaction take.
 */
final class LatencyProbe {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

    private LatencyProbe() {
    }

    static Map<String, Object> measure(Pipeline pipeline, TickGenerator generator, int rate, Duration phase,
                                       CommitProbes probes) throws Exception {
        long total = Math.max(1, (long) rate * phase.toSeconds());
        long firstId = pipeline.database.maxHistoryId();
        Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
        Instant start = Instant.now().plusMillis(50).truncatedTo(ChronoUnit.MICROS);
        Instant recordFrom = start.plus(phase.dividedBy(4));
        try (Connection connection = pipeline.database.connect();
             HistoryWatcher onHistory = new HistoryWatcher(pipeline.bootstrap, pipeline.historyTopic, recordFrom);
             WakeUpLateness host = new WakeUpLateness(recordFrom);
             CommitLatency databaseCommits = CommitLatency.postgresql(probes.database(), recordFrom);
             CommitLatency kafkaCommits = CommitLatency.kafka(probes.producer(), probes.topic(), recordFrom)) {
            connection.setAutoCommit(true);
            try (Statement listen = connection.createStatement()) {
                // A table with no statistics yet (never analyzed: autovacuum is off on this project's machines)
                // makes the planner guess a third of the rows for "id > ?" and scan all of them, tens of
                // milliseconds per read that would count as latency.
                listen.execute("SET enable_seqscan = off");
                listen.execute("LISTEN " + Channels.REALTIME_SYMBOLS_CHANGED);
            }
            SinkBatches before = SinkBatches.read(pipeline.sinkMetrics);
            ProcessorCommits commitsBefore = ProcessorCommits.read(pipeline.processorMetrics);
            Thread sender = new Thread(() -> generate(pipeline, generator, rate, total, start), "latency-generator");
            sender.start();
            long seen = observe(connection, firstId, total, recordFrom, histogram, phase.plusSeconds(60));
            sender.join();
            Histogram history = onHistory.stop();
            Map<String, Object> wakeUps = host.stop();
            Map<String, Object> commitTimes = new LinkedHashMap<>(databaseCommits.stop());
            commitTimes.putAll(kafkaCommits.stop());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("offered_ticks_per_s", rate);
            result.put("ticks", seen);
            result.put("recorded", histogram.getTotalCount());
            result.put("p50_ms", histogram.getValueAtPercentile(50) / 1000.0);
            result.put("p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
            result.put("p99_9_ms", histogram.getValueAtPercentile(99.9) / 1000.0);
            result.put("max_ms", histogram.getMaxValue() / 1000.0);
            result.put("on_price_history_p50_ms", history.getValueAtPercentile(50) / 1000.0);
            result.put("on_price_history_p99_ms", history.getValueAtPercentile(99) / 1000.0);
            result.putAll(wakeUps);
            result.putAll(commitTimes);
            result.putAll(ProcessorCommits.read(pipeline.processorMetrics).since(commitsBefore));
            result.putAll(SinkBatches.read(pipeline.sinkMetrics).since(before));
            return result;
        }
    }

    private static void generate(Pipeline pipeline, TickGenerator generator, int rate, long total, Instant start) {
        long startNanos = nanoTimeAt(start);
        double intervalNanos = 1e9 / rate;
        for (long i = 0; i < total; i++) {
            long offset = (long) (i * intervalNanos);
            long wait = startNanos + offset - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Instant intended = start.plusNanos(offset).truncatedTo(ChronoUnit.MICROS);
            pipeline.send(generator.next(intended));
        }
        pipeline.publisher.flush();
    }

    private static long observe(Connection connection, long lastId, long expected, Instant recordFrom,
                                Histogram histogram, Duration timeout) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        long recordFromMicros = micros(recordFrom);
        try (PreparedStatement rows = connection.prepareStatement(
                "SELECT id, source_timestamp FROM realtime_price_history WHERE id > ? ORDER BY id")) {
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Latency phase: only " + seen + " of " + expected + " ticks committed");
                }
                PGNotification[] notifications = pg.getNotifications(100);
                if (notifications == null || notifications.length == 0) {
                    continue;
                }
                long committedMicros = micros(Instant.now());
                rows.setLong(1, lastId);
                try (ResultSet result = rows.executeQuery()) {
                    while (result.next()) {
                        lastId = result.getLong(1);
                        long sourceMicros = micros(result.getObject(2, java.time.OffsetDateTime.class).toInstant());
                        seen++;
                        if (sourceMicros >= recordFromMicros) {
                            histogram.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, committedMicros - sourceMicros)));
                        }
                    }
                }
            }
        }
        return seen;
    }

    /**
     * What the commit probes commit through, for all phases alike.
     *
     * @param database a session of its own on a database of its own
     * @param producer a transactional producer, initialized, used by nothing else
     * @param topic    the topic its one-record transactions go to
     */
    record CommitProbes(Connection database, KafkaProducer<byte[], byte[]> producer, String topic) {
    }

    /** The {@link System#nanoTime()} reading that will fall at {@code instant}. */
    static long nanoTimeAt(Instant instant) {
        return System.nanoTime() + Duration.between(Instant.now(), instant).toNanos();
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
