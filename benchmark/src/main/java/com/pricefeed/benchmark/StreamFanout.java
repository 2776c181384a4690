package com.pricefeed.benchmark;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.WriteResult;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.zaxxer.hikari.HikariDataSource;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API's follower and stream at scale: {@code symbols} master rows, written at {@code rate} ticks/s through the
 * sink's own {@link BatchWriter} (its SQL and its commit NOTIFY, in batches every 20 ms, no broker: the API only
 * sees PostgreSQL), one API process following them, and {@code clients…} server-sent-event clients: the first
 * subscribed to {@value #PROBE_SYMBOLS} random symbols (the most one stream may name), so that it alone sees
 * enough events for a p99, every other one to {@value #SYMBOLS_PER_CLIENT}. Per level: the PostgreSQL CPU of the follower's own
 * backend (its session is named {@code query-api-follower}) as a share of one core, and commit → event delivery
 * latency: from the writer's commit returning to the event's {@code id:} line arriving at a client, both in this
 * JVM, so on one clock.
 */
final class StreamFanout {

    static final int SYMBOLS_PER_CLIENT = 20;
    static final int PROBE_SYMBOLS = 500;
    private static final int BATCHES_PER_SECOND = 50;
    private static final TopicPartition PARTITION = new TopicPartition("bench-fanout", 0);

    private final int symbols;
    private final int rate;
    private final Duration phase;
    private final Path outDir;
    /** Greatest history id of each committed batch → when its commit returned (nanoTime). */
    private final ConcurrentSkipListMap<Long, Long> commits = new ConcurrentSkipListMap<>();
    private final Histogram delivery = new Histogram(60_000_000L, 3);
    private volatile long measureFromId = Long.MAX_VALUE;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong streamsOpen = new AtomicLong();
    private final AtomicLong streamsRefused = new AtomicLong();
    private final AtomicLong streamsFailed = new AtomicLong();

    StreamFanout(int symbols, int rate, Duration phase, Path outDir) {
        this.symbols = symbols;
        this.rate = rate;
        this.phase = phase;
        this.outDir = outDir;
    }

    Map<String, Object> measure(List<Integer> clientLevels) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("symbols", symbols);
        figures.put("ticks_per_s", rate);
        figures.put("symbols_per_client", SYMBOLS_PER_CLIENT);
        try (BenchDatabase database = BenchDatabase.migrated(); HikariDataSource pool = database.singleConnectionPool()) {
            BatchWriter writer = BatchWriter.withDefaults(pool, "bench-fanout");
            Ticks ticks = new Ticks(symbols);
            for (int from = 0; from < symbols; from += 20_000) {
                writer.write(ticks.firstOf(from, Math.min(symbols, from + 20_000)));
            }
            int port = Pipeline.freePort();
            int most = clientLevels.stream().mapToInt(Integer::intValue).max().orElse(1) + 100;
            Map<String, String> env = Map.of("DATABASE_URL", database.config().url(), "DATABASE_USER", database.config().user(),
                    "HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1", "API_RATE_LIMIT", "0",
                    "STREAM_MAX_CLIENTS", Integer.toString(most), "STREAM_MAX_CLIENTS_PER_ADDRESS", Integer.toString(most));
            try (ChildProcess api = ChildProcess.start("api", List.of(), env, outDir.resolve("fanout-api"))) {
                String base = "http://127.0.0.1:" + port;
                api.awaitReady(base + "/health/ready", Duration.ofSeconds(120));
                long follower = followerBackend(database);
                List<Map<String, Object>> levels = new ArrayList<>();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<CompletableFuture<?>> streams = new ArrayList<>();
                int connected = 0;
                for (int level : clientLevels) {
                    for (; connected < level; connected++) {
                        streams.add(subscribe(http, base, ticks.random(connected == 0 ? PROBE_SYMBOLS : SYMBOLS_PER_CLIENT)));
                    }
                    levels.add(level(writer, ticks, follower, level));
                    Benchmark.log("stream fan-out: " + levels.get(levels.size() - 1));
                }
                streams.forEach(stream -> stream.cancel(true));
                figures.put("levels", levels);
            }
        }
        return figures;
    }

    private Map<String, Object> level(BatchWriter writer, Ticks ticks, long follower, int clients) throws Exception {
        // Let the clients' snapshots go by and the rate settle before measuring.
        write(writer, ticks, Duration.ofSeconds(5));
        synchronized (delivery) {
            delivery.reset();
        }
        events.set(0);
        measureFromId = commits.isEmpty() ? 0 : commits.lastKey() + 1;
        double cpuBefore = ProcStat.cpuSeconds(follower);
        WakeUpLateness host = new WakeUpLateness(Instant.now());
        long start = System.nanoTime();
        long written = write(writer, ticks, phase);
        double seconds = (System.nanoTime() - start) / 1e9;
        double followerCpu = ProcStat.cpuSeconds(follower) - cpuBefore;
        Map<String, Object> lateness = host.stop();
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("stream_clients", clients);
        level.put("streams_open", streamsOpen.get());
        level.put("streams_refused", streamsRefused.get());
        level.put("streams_failed", streamsFailed.get());
        level.put("ticks_per_s_written", written / seconds);
        level.put("follower_postgresql_cpu_share_of_one_core", followerCpu / seconds);
        synchronized (delivery) {
            level.put("events_delivered", events.get());
            level.put("commit_to_event_p50_ms", delivery.getValueAtPercentile(50) / 1000.0);
            level.put("commit_to_event_p99_ms", delivery.getValueAtPercentile(99) / 1000.0);
            level.put("commit_to_event_max_ms", delivery.getMaxValue() / 1000.0);
        }
        // The host's own share of any tail: every hop from the writer's commit to the client waits for such wake-ups.
        level.putAll(lateness);
        return level;
    }

    /** Writes {@link #rate} ticks/s for {@code duration} in batches every 20 ms; returns how many. */
    private long write(BatchWriter writer, Ticks ticks, Duration duration) throws SQLException, InterruptedException {
        int perBatch = Math.max(1, rate / BATCHES_PER_SECOND);
        long interval = 1_000_000_000L / BATCHES_PER_SECOND;
        long start = System.nanoTime();
        long written = 0;
        for (long next = start; next - start < duration.toNanos(); next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            WriteResult result = writer.write(ticks.next(perBatch));
            commits.put(result.maxHistoryId(), System.nanoTime());
            written += result.historyRows();
        }
        return written;
    }

    private CompletableFuture<?> subscribe(HttpClient http, String base, List<String> subscribed) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/market-data/stream?symbols="
                + String.join(",", subscribed))).header("Accept", "text/event-stream").build();
        return http.sendAsync(request, response -> {
            (response.statusCode() == 200 ? streamsOpen : streamsRefused).incrementAndGet();
            return HttpResponse.BodySubscribers.fromLineSubscriber(new EventIds());
        });
    }

    /** Reads {@code id:} lines as they arrive and records each event's delay since its batch committed. */
    private final class EventIds implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("id:")) {
                return;
            }
            long arrived = System.nanoTime();
            long id = Long.parseLong(line.substring(3).trim());
            Map.Entry<Long, Long> commit = commits.ceilingEntry(id);
            if (id < measureFromId || commit == null) {
                return;
            }
            events.incrementAndGet();
            synchronized (delivery) {
                delivery.recordValue(Math.max(0, (arrived - commit.getValue()) / 1000));
            }
        }

        @Override
        public void onError(Throwable throwable) {
            streamsOpen.decrementAndGet();
            streamsFailed.incrementAndGet();
        }

        @Override
        public void onComplete() {
        }
    }

    private static long followerBackend(BenchDatabase database) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE application_name = 'query-api-follower' AND datname = current_database()");
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("The API's follower has no session");
            }
            return rows.getLong(1);
        }
    }

    /** Ticks over {@code SYM000001…}, uniformly random symbols, each newer than the last. */
    private static final class Ticks {
        private final int symbols;
        private final SplittableRandom random = new SplittableRandom(7);
        private Instant clock = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        private long offset;

        Ticks(int symbols) {
            this.symbols = symbols;
        }

        Batch firstOf(int from, int to) {
            List<BatchRecord> records = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                records.add(record(i));
            }
            return Batch.of(records);
        }

        Batch next(int count) {
            List<BatchRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records.add(record(random.nextInt(symbols)));
            }
            return Batch.of(records);
        }

        List<String> random(int count) {
            List<String> chosen = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                chosen.add(symbol(random.nextInt(symbols)));
            }
            return chosen;
        }

        private BatchRecord record(int index) {
            clock = clock.plus(1, ChronoUnit.MICROS);
            String symbol = symbol(index);
            PriceTick tick = new PriceTick(symbol, BigDecimal.valueOf(100_0000L + random.nextInt(10_0000), 4), clock, "polygon",
                    (long) random.nextInt(1_000_000), null, null, null, null, null, null);
            return new BatchRecord(PARTITION, offset++, symbol, new HistoryRecord(tick, clock.plusMillis(1), true));
        }

        private static String symbol(int index) {
            return String.format("SYM%06d", index + 1);
        }
    }
}
