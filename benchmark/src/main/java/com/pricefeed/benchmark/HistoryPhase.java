package com.pricefeed.benchmark;

import com.pricefeed.api.prices.AsOfRepository;
import com.pricefeed.database.HistoryPartitions;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.sink.candles.CandleRepository;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.history.HistoryRow;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.partitions.ExpiredTicks;
import com.pricefeed.sink.partitions.HistoryPartitioning;
import com.pricefeed.sink.partitions.PartitionCoverage;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.write.BatchWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * (7) The partitioned history: a history of {@code rows} ticks over {@code symbols} symbols and {@code days} daily
 * partitions, then, each against its reference in the same run: a price at a moment through the API against the
 * same SQL run raw on PostgreSQL (one symbol, and {@code BULK} symbols), the sink's history COPY step into the
 * partitioned table against the unpartitioned table of the schema before it, and retention dropping the oldest day
 * while the sink's write path keeps writing batches.
 */
final class HistoryPhase {

    static final int BULK = 500;
    /** The retention target is for a day of at least a million rows. */
    private static final long OLDEST_DAY_ROWS = 1_000_000;
    private static final int COPY_RUNS = 5;
    private static final int SINK_BATCH = 20_000;
    private static final int SINK_ROWS = 200_000;
    /** About a sink batch at 5,000 ticks/s. */
    private static final int RETENTION_BATCH = 500;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int rows;
    private final int symbols;
    private final int days;
    private final int samples;
    private final Path outDir;
    private final long oldestDay;
    private final long perDay;
    private final Random random = new Random(17);
    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    HistoryPhase(int rows, int symbols, int days, int samples, Path outDir) {
        this.rows = rows;
        this.symbols = symbols;
        this.days = days;
        this.samples = samples;
        this.outDir = outDir;
        // The oldest day, the one retention drops, holds OLDEST_DAY_ROWS (at most a quarter of all); the others share the rest.
        this.oldestDay = Math.max(rows / days, Math.min(OLDEST_DAY_ROWS, rows / 4));
        this.perDay = days == 1 ? oldestDay : (rows - oldestDay) / (days - 1);
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("symbols", symbols);
        result.put("daily_partitions", days);
        result.put("oldest_day_rows", oldestDay);
        result.put("other_day_rows", perDay);
        try (BenchDatabase database = BenchDatabase.migrated()) {
            long started = System.nanoTime();
            load(database);
            result.put("load_seconds", seconds(System.nanoTime() - started));
            result.put("as_of_plan", asOfPlan(database));
            result.put("as_of", asOf(database));
            Map<String, Object> copy = sinkCopy(database);
            result.put("sink_copy", copy);
            result.put("brin", brin(database));
            result.put("retention", retention(database));
        }
        Benchmark.log("history: " + result);
        return result;
    }

    // ------------------------------------------------------------------------------------------------ loading

    /**
     * Day by day: generate the day's rows into a plain table (INSERT … SELECT generate_series), then attach it as the day's partition, which builds its
     * indexes in one sorted pass each and checks its bound and provider key in one scan each.
     */
    private void load(BenchDatabase database) throws SQLException {
        database.registerProviders(List.of("iex", "polygon"));
        long firstId = 1;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (int day = days; day >= 1; day--) {
                long dayRows = day == days ? oldestDay : perDay;
                Instant start = today.minus(Duration.ofDays(day));
                String table = "realtime_price_history_p" + start.toString().substring(0, 10).replace("-", "") + "t000000";
                statement.execute("CREATE TABLE " + table + " (LIKE realtime_price_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
                statement.execute(String.format("""
                        INSERT INTO %s
                        SELECT g, 'SYM' || lpad((g %% %d)::text, 4, '0'), 100 + (g %% 9973) / 100.0, g %% 1000,
                               '%s'::timestamptz + (g - %d) * 86400000000 / %d * INTERVAL '1 microsecond',
                               '%s'::timestamptz + (g - %d) * 86400000000 / %d * INTERVAL '1 microsecond' + INTERVAL '3 milliseconds',
                               1 + g %% 2, 99, 101, 98, 99.5
                          FROM generate_series(%d, %d) AS g""", table, symbols, start, firstId, dayRows, start, firstId, dayRows,
                        firstId, firstId + dayRows - 1));
                firstId += dayRows;
                statement.execute(String.format("ALTER TABLE realtime_price_history ATTACH PARTITION %s FOR VALUES FROM ('%s') TO ('%s')",
                        table, start, start.plus(Duration.ofDays(1))));
            }
            statement.execute("SELECT setval('realtime_price_history_id_seq', (SELECT max(id) FROM realtime_price_history))");
            String newestDay = today.minus(Duration.ofDays(1)).toString();
            statement.execute("""
                    INSERT INTO realtime_symbols (symbol, current_price, last_updated, provider_id, volume, latest_history_id,
                                                  previous_close)
                    SELECT DISTINCT ON (symbol) symbol, price, source_timestamp, provider_id, volume, id, previous_close
                      FROM realtime_price_history WHERE source_timestamp >= '%s'
                     ORDER BY symbol, source_timestamp DESC, id DESC""".formatted(newestDay));
            statement.execute("ANALYZE");
            statement.execute(HistoryPartitions.ENSURE.replace("?, ?, ?", "'" + today + "', '" + today.plus(Duration.ofDays(2))
                    + "', '1 day'"));
        }
    }

    // ------------------------------------------------------------------------------------------------ as of

    private Map<String, Object> asOf(BenchDatabase database) throws Exception {
        int port = Pipeline.freePort();
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, String> env = Map.of("DATABASE_URL", database.config().url(), "DATABASE_USER", database.config().user(),
                "HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1", "API_RATE_LIMIT", "0");
        try (ChildProcess api = ChildProcess.start("api", List.of(), env, outDir.resolve("history-api"));
             Connection raw = database.connect()) {
            String base = "http://127.0.0.1:" + port + "/api/v1/market-data/prices";
            api.awaitReady("http://127.0.0.1:" + port + "/health/ready", Duration.ofSeconds(90));
            PreparedStatement statement = raw.prepareStatement(AsOfRepository.AS_OF);
            result.put("single", compare(samples,
                    () -> List.of(symbol()),
                    (wanted, at) -> http(base + "/" + wanted.get(0) + "?at=" + at),
                    (wanted, at) -> query(raw, statement, wanted, at)));
            result.put("bulk_" + BULK, compare(Math.max(20, samples / 10),
                    this::portfolio,
                    (wanted, at) -> http(base + "?symbols=" + String.join(",", wanted) + "&at=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8)),
                    (wanted, at) -> query(raw, statement, wanted, at)));
        }
        return result;
    }

    @FunctionalInterface
    private interface Lookup {
        void run(List<String> symbols, Instant at) throws Exception;
    }

    /** Alternates API and raw lookups of the same symbols and instants, after a warm-up of each; p50 and p99 in ms. */
    private Map<String, Object> compare(int count, Supplier<List<String>> symbols, Lookup api, Lookup raw) throws Exception {
        for (int i = 0; i < count / 2; i++) {
            List<String> wanted = symbols.get();
            Instant at = instant();
            api.run(wanted, at);
            raw.run(wanted, at);
        }
        long[] apiNanos = new long[count];
        long[] rawNanos = new long[count];
        for (int i = 0; i < count; i++) {
            List<String> wanted = symbols.get();
            Instant at = instant();
            long start = System.nanoTime();
            api.run(wanted, at);
            long middle = System.nanoTime();
            raw.run(wanted, at);
            apiNanos[i] = middle - start;
            rawNanos[i] = System.nanoTime() - middle;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("lookups", count);
        result.put("api_p50_ms", percentile(apiNanos, 0.50));
        result.put("api_p99_ms", percentile(apiNanos, 0.99));
        result.put("raw_p50_ms", percentile(rawNanos, 0.50));
        result.put("raw_p99_ms", percentile(rawNanos, 0.99));
        result.put("ratio_p99_raw_over_api", (double) result.get("raw_p99_ms") / (double) result.get("api_p99_ms"));
        return result;
    }

    private static void http(String uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void query(Connection connection, PreparedStatement statement, List<String> wanted, Instant at) throws SQLException {
        Array array = connection.createArrayOf("varchar", wanted.toArray());
        statement.setArray(1, array);
        statement.setTimestamp(2, Timestamp.from(at));
        statement.setTimestamp(3, Timestamp.from(at));
        int found = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                // Every column, as the API's repository reads them.
                result.getLong("id");
                result.getString("symbol");
                result.getBigDecimal("price");
                result.getObject("source_timestamp", java.time.OffsetDateTime.class);
                result.getLong("volume");
                result.getString("provider");
                result.getBigDecimal("previous_close");
                found++;
            }
        }
        if (found != wanted.size()) {
            throw new IllegalStateException("raw as-of found " + found + " of " + wanted.size());
        }
    }

    private String symbol() {
        return "SYM" + String.format("%04d", random.nextInt(symbols));
    }

    private List<String> portfolio() {
        int[] picked = random.ints(0, symbols).distinct().limit(Math.min(BULK, symbols)).toArray();
        return Arrays.stream(picked).mapToObj(i -> "SYM" + String.format("%04d", i)).toList();
    }

    /** An instant in the loaded days after each symbol's first tick of them. */
    private Instant instant() {
        long span = Duration.ofDays(days).toMillis() - Duration.ofHours(1).toMillis();
        return today.minus(Duration.ofDays(days)).plus(Duration.ofHours(1)).plusMillis((long) (random.nextDouble() * span))
                .truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The as-of SQL's plan for one symbol at an instant in the middle of the loaded days, from EXPLAIN ANALYZE: how
     * many partition scans it has and how many ran. Without a default partition the newest tick at or before the
     * instant is found by reading the partitions newest first (an ordered Append under a Limit) and its row read from
     * that partition alone, so two scans run whatever the number of partitions.
     */
    private Map<String, Object> asOfPlan(BenchDatabase database) throws SQLException {
        Instant at = today.minus(Duration.ofDays(days / 2)).plus(Duration.ofHours(12));
        int planned = 0;
        List<String> ran = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + AsOfRepository.AS_OF)) {
            explain.setArray(1, connection.createArrayOf("varchar", new String[]{"SYM0007"}));
            explain.setTimestamp(2, Timestamp.from(at));
            explain.setTimestamp(3, Timestamp.from(at));
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    String line = plan.getString(1);
                    if (line.contains(" on realtime_price_history_p")) {
                        planned++;
                        if (!line.contains("(never executed)")) {
                            ran.add(line.trim().replaceAll(".* on (realtime_price_history_p\\w+).*", "$1"));
                        }
                    }
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("at", at.toString());
        result.put("partition_scans_planned", planned);
        result.put("partition_scans_run", ran.size());
        result.put("partitions_read", ran);
        return result;
    }

    // ------------------------------------------------------------------------------------------------ BRIN

    /** A query by time across symbols: what a BRIN index on source_timestamp could serve (no route of ours does). */
    private static final String TIME_WINDOW = """
            SELECT count(*), sum(price) FROM realtime_price_history WHERE source_timestamp >= ? AND source_timestamp < ?""";

    /**
     * Whether a BRIN index on {@code source_timestamp} pays: a ten-minute window across all symbols (p50 of 30 each)
     * without and with it, its build time and size; and the sink's COPY step into today's partition without and with
     * a BRIN index on it, alternated ({@value #COPY_RUNS} runs a side; the sink writes only the newest partitions).
     * Dropped again afterwards: retention is measured on the schema as shipped.
     */
    private Map<String, Object> brin(BenchDatabase database) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("window_10min_without_brin_p50_ms", timeWindows(database));
        long start = System.nanoTime();
        execute(database, "CREATE INDEX bench_brin_source_timestamp ON realtime_price_history USING brin (source_timestamp)");
        result.put("build_seconds", seconds(System.nanoTime() - start));
        result.put("size_bytes", count(database, """
                SELECT coalesce(sum(pg_relation_size(inhrelid)), 0) FROM pg_inherits
                 WHERE inhparent = 'bench_brin_source_timestamp'::regclass"""));
        result.put("window_10min_with_brin_p50_ms", timeWindows(database));
        execute(database, "DROP INDEX bench_brin_source_timestamp");

        String todays = "realtime_price_history_p" + today.toString().substring(0, 10).replace("-", "") + "t000000";
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        long nextId = 1L << 41;
        execute(database, "CHECKPOINT");
        for (int run = 0; run < COPY_RUNS; run++) {
            without.add(copyRate(database, nextId));
            nextId += SINK_ROWS;
            execute(database, "CREATE INDEX bench_brin_today ON " + todays + " USING brin (source_timestamp)");
            with.add(copyRate(database, nextId));
            nextId += SINK_ROWS;
            execute(database, "DROP INDEX bench_brin_today");
        }
        result.put("copy_todays_partition_without_brin_rows_per_s", without);
        result.put("copy_todays_partition_with_brin_rows_per_s", with);
        result.put("copy_with_over_without_median", median(with) / median(without));
        count(database, "SELECT setval('realtime_price_history_id_seq', (SELECT max(id) FROM realtime_price_history))");
        return result;
    }

    private static void execute(BenchDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** p50 of 30 ten-minute windows at random instants of the loaded days, after 5 untimed. */
    private double timeWindows(BenchDatabase database) throws SQLException {
        long[] nanos = new long[30];
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(TIME_WINDOW)) {
            for (int i = -5; i < nanos.length; i++) {
                Instant from = instant();
                statement.setTimestamp(1, Timestamp.from(from));
                statement.setTimestamp(2, Timestamp.from(from.plus(Duration.ofMinutes(10))));
                long begin = System.nanoTime();
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - begin;
                }
            }
        }
        return percentile(nanos, 0.50);
    }

    // ------------------------------------------------------------------------------------------------ sink COPY

    /**
     * The sink's history COPY step (binary COPY, {@value #SINK_BATCH} rows a transaction) on the same rows: into
     * today's partition of the partitioned history, and into the unpartitioned history of schema version 5 (the
     * same indexes: key, symbol-time, provider) in a database of its own; alternated, three times each.
     */
    private Map<String, Object> sinkCopy(BenchDatabase partitioned) throws Exception {
        List<Double> partitionedRates = new ArrayList<>();
        List<Double> flatRates = new ArrayList<>();
        try (BenchDatabase flat = BenchDatabase.empty()) {
            Flyway.configure().dataSource(flat.config().url(), flat.config().user(), flat.config().password())
                    .locations("classpath:db/migration").target("5").load().migrate();
            flat.registerProviders(List.of("iex", "polygon"));
            // The load's WAL is checkpointed first, so neither side pays for it (full-page writes) more than the other.
            execute(partitioned, "CHECKPOINT");
            long nextId = 1L << 40;
            for (int run = 0; run < COPY_RUNS; run++) {
                flatRates.add(copyRate(flat, nextId));
                partitionedRates.add(copyRate(partitioned, nextId));
                nextId += SINK_ROWS;
            }
        }
        // As the sink's repair would: its next ids come after these.
        count(partitioned, "SELECT setval('realtime_price_history_id_seq', (SELECT max(id) FROM realtime_price_history))");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows_per_run", SINK_ROWS);
        result.put("partitioned_rows_per_s", partitionedRates);
        result.put("unpartitioned_rows_per_s", flatRates);
        result.put("partitioned_median_rows_per_s", median(partitionedRates));
        result.put("ratio_median", median(partitionedRates) / median(flatRates));
        return result;
    }

    private double copyRate(BenchDatabase database, long firstId) throws SQLException {
        CopyHistoryWriter writer = new CopyHistoryWriter();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long nanos = 0;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (int offset = 0; offset < SINK_ROWS; offset += SINK_BATCH) {
                List<HistoryRow> batch = new ArrayList<>(SINK_BATCH);
                for (int i = 0; i < SINK_BATCH; i++) {
                    long id = firstId + offset + i;
                    batch.add(new HistoryRow(id, 1 + id % 2, record("SYM" + String.format("%04d", id % symbols), at.plusMillis(i % 1000))));
                }
                long start = System.nanoTime();
                writer.insert(connection, batch);
                connection.commit();
                nanos += System.nanoTime() - start;
            }
        }
        return SINK_ROWS / (nanos / 1e9);
    }

    private static HistoryRecord record(String symbol, Instant at) {
        return new HistoryRecord(new PriceTick(symbol, new BigDecimal("101.2500"), at, "polygon", 100L,
                new BigDecimal("100.0000"), new BigDecimal("102.0000"), new BigDecimal("99.0000"), new BigDecimal("100.5000"),
                null, null), at.plusMillis(2), true);
    }

    // ------------------------------------------------------------------------------------------------ retention

    /**
     * The sink's write path (its {@link BatchWriter}: ids, COPY, master upsert, positions, one transaction) writes
     * batches of {@value #RETENTION_BATCH} ticks without pause while retention detaches the oldest day and drops it.
     */
    private Map<String, Object> retention(BenchDatabase database) throws Exception {
        // One pooled connection, as the sink's writer keeps one: a batch's time is its transaction's, not a login's.
        HikariDataSource dataSource = database.singleConnectionPool();
        BatchWriter writer = BatchWriter.withDefaults(dataSource, "bench-retention");
        TopicPartition partition = new TopicPartition("bench-retention", 0);
        try (Connection connection = database.connect()) {
            new OffsetRepository("bench-retention").claim(connection, partition, 0, UUID.randomUUID());
        }
        Instant oldest = today.minus(Duration.ofDays(days));
        long dayRows = count(database, "SELECT count(*) FROM realtime_price_history WHERE source_timestamp < '"
                + oldest.plus(Duration.ofDays(1)) + "'");

        List<long[]> batches = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread sink = new Thread(() -> {
            long offset = 0;
            while (writing.get()) {
                List<BatchRecord> records = new ArrayList<>(RETENTION_BATCH);
                Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                for (int i = 0; i < RETENTION_BATCH; i++) {
                    records.add(new BatchRecord(partition, offset++, null, record("SYM" + String.format("%04d", i % symbols), at)));
                }
                long start = System.nanoTime();
                try {
                    writer.write(Batch.of(records));
                } catch (SQLException | RuntimeException e) {
                    failure.set(e);
                    return;
                }
                long end = System.nanoTime();
                synchronized (batches) {
                    batches.add(new long[]{start, end});
                }
            }
        }, "bench-retention-sink");
        sink.start();
        Thread.sleep(3_000);
        long detachStart = System.nanoTime();
        int detached;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = 200");
            }
            try (PreparedStatement statement = connection.prepareStatement(HistoryPartitions.DETACH_BEFORE)) {
                statement.setTimestamp(1, Timestamp.from(oldest.plus(Duration.ofDays(1))));
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    detached = result.getInt(1);
                }
            }
            connection.commit();
        }
        long dropStart = System.nanoTime();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(HistoryPartitions.DROP_DETACHED);
        }
        long dropEnd = System.nanoTime();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(HistoryPartitions.VALIDATE_LINKS);
        }
        long validated = System.nanoTime();
        Thread.sleep(2_000);
        writing.set(false);
        sink.join();
        dataSource.close();
        if (failure.get() != null) {
            throw new IllegalStateException("The sink's write path failed during retention", failure.get());
        }

        double slowestDuring = 0;
        double slowestDuringDrop = 0;
        double slowestOverall = 0;
        int duringDrop = 0;
        synchronized (batches) {
            for (long[] batch : batches) {
                double ms = (batch[1] - batch[0]) / 1e6;
                slowestOverall = Math.max(slowestOverall, ms);
                if (batch[1] >= detachStart && batch[0] <= validated) {
                    slowestDuring = Math.max(slowestDuring, ms);
                }
                if (batch[1] >= detachStart && batch[0] <= dropEnd) {
                    slowestDuringDrop = Math.max(slowestDuringDrop, ms);
                    duringDrop++;
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dropped_day_rows", dayRows);
        result.put("partitions_detached", detached);
        result.put("detach_ms", (dropStart - detachStart) / 1e6);
        result.put("drop_ms", (dropEnd - dropStart) / 1e6);
        result.put("validate_links_ms", (validated - dropEnd) / 1e6);
        result.put("total_ms", (validated - detachStart) / 1e6);
        result.put("sink_batches", batches.size());
        result.put("sink_batch_rows", RETENTION_BATCH);
        result.put("detach_and_drop_ms", (dropEnd - detachStart) / 1e6);
        result.put("sink_batches_during_detach_and_drop", duringDrop);
        result.put("slowest_sink_batch_during_detach_and_drop_ms", slowestDuringDrop);
        result.put("slowest_sink_batch_during_retention_ms", slowestDuring);
        result.put("slowest_sink_batch_ms", slowestOverall);
        long[] outside;
        synchronized (batches) {
            outside = batches.stream().filter(batch -> batch[1] < detachStart || batch[0] > validated)
                    .mapToLong(batch -> batch[1] - batch[0]).toArray();
        }
        result.put("sink_batch_outside_retention_p50_ms", percentile(outside, 0.50));
        result.put("sink_batch_outside_retention_p99_ms", percentile(outside, 0.99));
        result.put("rows_left_in_dropped_day", count(database, "SELECT count(*) FROM realtime_price_history WHERE source_timestamp < '"
                + oldest.plus(Duration.ofDays(1)) + "'"));
        return result;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static long count(BenchDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
