package com.pricefeed.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.sink.SinkConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The one-command benchmark ({@code ./run-benchmark.sh}): every figure is measured in the same run on the same
 * machine and reported next to its reference as a ratio; repeated figures are medians. Writes
 * {@code results.json} and prints a table. {@code --smoke} runs a tiny version that checks the harness.
 */
public final class Benchmark {

    /** How long a phase waits for its rows; {@code -Dbench.wait.seconds} lengthens it on a crowded host. */
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("bench.wait.seconds", 180));
    private static final String COMMIT_PROBE_TOPIC = "bench-commit-probe";

    private final BenchConfig config;
    private final java.util.Set<String> phases;
    /** The history phase's sizes: history-rows, history-symbols, history-days, history-samples. */
    private final Map<String, String> options;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private ChildProcess broker;
    private String bootstrap;
    /** The broker's log and the processor's state, removed when the benchmark ends. */
    private Path scratch;

    Benchmark(BenchConfig config) {
        this(config, java.util.Set.of("sink", "e2e", "latency", "api", "candles"));
    }

    /**
     * Only some phases (sink, e2e, latency, api, candles, history, master, fanout), for profiling one of them; latency
     * and api need e2e. history, master and fanout run only when named.
     */
    Benchmark(BenchConfig config, java.util.Set<String> phases) {
        this(config, phases, Map.of());
    }

    /** With the options of phases outside the default set ({@code --fanout-clients=1,1000,5000}, …). */
    Benchmark(BenchConfig config, java.util.Set<String> phases, Map<String, String> options) {
        this.config = config;
        this.phases = phases;
        this.options = Map.copyOf(options);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "benchmark");
        boolean smoke = false;
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        if (options.containsKey("out")) {
            out = Path.of(options.get("out"));
        }
        BenchConfig base = smoke ? BenchConfig.smoke(out) : BenchConfig.full(out);
        BenchConfig config = new BenchConfig(
                Integer.parseInt(options.getOrDefault("runs", Integer.toString(base.runs()))), base.symbols(),
                Integer.parseInt(options.getOrDefault("ticks", Integer.toString(base.ticks()))),
                Integer.parseInt(options.getOrDefault("sink-warmup-rows", Integer.toString(base.sinkWarmupRows()))),
                Integer.parseInt(options.getOrDefault("sink-rows", Integer.toString(base.sinkRows()))),
                Integer.parseInt(options.getOrDefault("warmup-ticks", Integer.toString(base.warmupTicks()))),
                base.seedTicks(), base.latencyPhase(), base.latencyRates(), base.fixedLatencyRate(), base.apiPhase(),
                base.connections(), out);
        java.util.Set<String> phases = java.util.Set.of(options.getOrDefault("phases", "sink,e2e,latency,api,candles").split(","));
        Map<String, Object> results = new Benchmark(config, phases, options).run();
        System.out.println(Report.table(results));
        System.out.println("Results written to " + out.resolve("results.json").toAbsolutePath());
        System.exit(0);
    }

    Map<String, Object> run() throws Exception {
        Files.createDirectories(config.outDir());
        results.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        results.put("machine", Machine.describe());
        results.put("config", Map.of("runs", config.runs(), "symbols", config.symbols(), "ticks_per_run", config.ticks(),
                "sink_warmup_rows_per_run", config.sinkWarmupRows(), "sink_rows_per_run", config.sinkRows(),
                "heap_limit_per_service", ChildProcess.HEAP_LIMIT,
                "cpu_accounting", "separate JVMs (broker, processor, sink, api); user+system CPU from /proc/<pid>/stat"));
        if (phases.contains("history")) {
            results.put("history", new HistoryPhase(option("history-rows", 20_000_000), option("history-symbols", 2_000),
                    option("history-days", 30), option("history-samples", 2_000), config.outDir()).run());
        }
        if (phases.contains("master")) {
            Map<String, Object> master = MasterWriteCost.measure(config.symbols());
            log("master write cost: " + master);
            results.put("master_write_cost", master);
        }
        if (phases.contains("fanout")) {
            // 100,000 symbols at 5,000 ticks/s, followed by one API process serving 1, 1,000 and 5,000 stream clients.
            StreamFanout fanout = new StreamFanout(Integer.parseInt(options.getOrDefault("fanout-symbols", "100000")),
                    Integer.parseInt(options.getOrDefault("fanout-rate", "5000")),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("fanout-seconds", "20"))), config.outDir());
            results.put("stream_fanout", fanout.measure(java.util.Arrays.stream(
                    options.getOrDefault("fanout-clients", "1,1000,5000").split(",")).map(Integer::valueOf).toList()));
        }
        if (phases.contains("sink") || phases.contains("e2e")) {
            pipelinePhases();
        }
        if (phases.contains("candles")) {
            candleQueries();
        }
        write();
        return results;
    }

    /** The phases that run the services against a broker of their own: sink, and e2e with latency and api. */
    private void pipelinePhases() throws Exception {
        scratch = Files.createTempDirectory("bench-");
        try {
            broker = ChildProcess.start("broker", List.of(scratch.resolve("kafka").toString()), Map.of(), config.outDir());
            try {
                bootstrap = broker.awaitBootstrap(Duration.ofSeconds(Math.max(90, WAIT.toSeconds())));
                if (phases.contains("sink")) {
                    sinkEfficiency();
                }
                if (phases.contains("e2e")) {
                    endToEndLatencyAndApi();
                }
            } finally {
                broker.close();
            }
        } finally {
            deleteRecursively(scratch);
        }
    }

    private int option(String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(defaultValue)));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    // ---------------------------------------------------------------- (2) sink vs COPY, (3) vs seed pattern

    private void sinkEfficiency() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int run = 1; run <= config.runs(); run++) {
            int warmup = config.sinkWarmupRows();
            List<HistoryRecord> records = historyRecords(warmup + config.sinkRows(), 1000L * run);
            String topic = "bench-sinkonly-" + run + "-price-history";
            produceHistory(topic, records);
            Map<String, Object> figures = new LinkedHashMap<>();
            // With and without the one-minute bars, each on a fresh database, in alternating order between runs.
            Map<String, Object> withoutCandles = null;
            if (run % 2 == 0) {
                withoutCandles = timedSink(topic, "bench-sinkonly-nobars-" + run, records, warmup, Map.of("SINK_CANDLES", "false"));
            }
            figures.putAll(timedSink(topic, "bench-sinkonly-" + run, records, warmup, Map.of()));
            if (withoutCandles == null) {
                withoutCandles = timedSink(topic, "bench-sinkonly-nobars-" + run, records, warmup, Map.of("SINK_CANDLES", "false"));
            }
            String sinkDigest = (String) figures.remove("digest");
            if (!sinkDigest.equals(withoutCandles.get("digest"))) {
                throw new IllegalStateException("The sink wrote different history rows with and without the bars");
            }
            figures.put("sink_without_candles_rows_per_s", withoutCandles.get("sink_rows_per_s"));
            figures.put("sink_without_candles_cpu_us_per_row", withoutCandles.get("sink_cpu_us_per_row"));
            figures.put("sink_without_candles_postgresql_cpu_us_per_row", withoutCandles.get("sink_postgresql_cpu_us_per_row"));
            figures.put("sink_with_candles_vs_without",
                    (double) figures.get("sink_rows_per_s") / (double) withoutCandles.get("sink_rows_per_s"));
            try (BenchDatabase database = BenchDatabase.migrated()) {
                Map<String, Long> providers = database.registerProviders(providerCodes(records));
                database.coverHistory(records);
                try (Connection connection = database.connect()) {
                    connection.setAutoCommit(false);
                    // The warm-up rows go in first, untimed, so the table is as big as the sink's when timed.
                    copyInBatches(connection, records.subList(0, warmup), 1, providers);
                    long start = System.nanoTime();
                    double clientAtStart = ProcStat.cpuSeconds(ProcessHandle.current().pid());
                    double postgresAtStart = ProcStat.cpuSecondsOfAll("postgres");
                    long copied = copyInBatches(connection, records.subList(warmup, records.size()), warmup + 1, providers);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    figures.put("copy_binary_rows_per_s", copied / seconds);
                    figures.put("copy_client_cpu_us_per_row",
                            micros(ProcStat.cpuSeconds(ProcessHandle.current().pid()) - clientAtStart, copied));
                    figures.put("copy_postgresql_cpu_us_per_row",
                            micros(ProcStat.cpuSecondsOfAll("postgres") - postgresAtStart, copied));
                }
                figures.put("copy_rows", database.historyRows());
                figures.put("copy_content_equals_sink", database.historyDigest().equals(sinkDigest));
            }
            try (BenchDatabase database = BenchDatabase.migrated()) {
                Map<String, Long> providers = database.registerProviders(providerCodes(records));
                List<HistoryRecord> subset = records.subList(0, Math.min(config.seedTicks(), records.size()));
                database.coverHistory(subset);
                try (Connection connection = database.connect()) {
                    long start = System.nanoTime();
                    SeedBaseline.write(connection, subset, providers);
                    figures.put("seed_pattern_rows_per_s", subset.size() / ((System.nanoTime() - start) / 1e9));
                }
                figures.put("seed_rows", database.historyRows());
            }
            figures.put("sink_vs_copy", (double) figures.get("sink_rows_per_s") / (double) figures.get("copy_binary_rows_per_s"));
            figures.put("sink_vs_seed", (double) figures.get("sink_rows_per_s") / (double) figures.get("seed_pattern_rows_per_s"));
            runs.add(figures);
            log("sink run " + run + ": " + figures);
        }
        Map<String, Object> sink = medians(runs);
        sink.put("rows_per_run", config.sinkRows());
        sink.put("warmup_rows_per_run", config.sinkWarmupRows());
        sink.put("runs", runs);
        results.put("sink", sink);
    }

    /**
     * One sink JVM over a fresh database consuming {@code records} from {@code topic}, timed once the warm-up rows are
     * committed: its figures, with the history's content digest under {@code digest}.
     */
    private Map<String, Object> timedSink(String topic, String group, List<HistoryRecord> records, int warmup,
                                          Map<String, String> extraEnv) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (BenchDatabase database = BenchDatabase.empty()) {
            int opsPort = Pipeline.freePort();
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "DATABASE_URL", database.config().url(),
                    "DATABASE_USER", database.config().user(), "TOPIC_PRICE_HISTORY", topic,
                    "SINK_GROUP_ID", group, "SINK_OPS_PORT", Integer.toString(opsPort)));
            env.putAll(extraEnv);
            try (ChildProcess sink = ChildProcess.start("sink", List.of(), env, config.outDir().resolve(group))) {
                long sinkStart = System.nanoTime();
                // Timed once the warm-up rows are committed, so start-up (JVM, Flyway, group join) and the JIT's
                // warm-up are excluded: the steady state a long-running sink works in.
                Committed first = awaitCommitted(database, topic, Math.max(1, warmup));
                double cpuAtFirst = sink.cpuSeconds();
                double compilingAtFirst = sink.compilerCpuSeconds();
                double postgresAtFirst = ProcStat.cpuSecondsOfAll("postgres");
                String metrics = "http://127.0.0.1:" + opsPort + "/metrics";
                SinkBatches batchesAtFirst = SinkBatches.read(metrics);
                Committed all = awaitCommitted(database, topic, records.size());
                if (all.rows() != records.size() || database.historyRows() != records.size()) {
                    throw new IllegalStateException("The sink committed " + all.rows() + " positions and "
                            + database.historyRows() + " history rows for " + records.size() + " records");
                }
                // With a single batch there is nothing after the first commit: then time from the sink's start.
                boolean oneBatch = first.rows() >= records.size();
                double seconds = (all.at() - (oneBatch ? sinkStart : first.at())) / 1e9;
                long timedRows = oneBatch ? records.size() : records.size() - first.rows();
                figures.put("sink_rows_per_s", timedRows / Math.max(seconds, 1e-3));
                figures.put("sink_rows_per_cpu_s", timedRows / Math.max(sink.cpuSeconds() - cpuAtFirst, 0.01));
                figures.put("sink_cpu_us_per_row", micros(sink.cpuSeconds() - cpuAtFirst, timedRows));
                figures.put("sink_jit_share_of_cpu", jitShare(sink.compilerCpuSeconds() - compilingAtFirst,
                        sink.cpuSeconds() - cpuAtFirst));
                figures.put("sink_postgresql_cpu_us_per_row",
                        micros(ProcStat.cpuSecondsOfAll("postgres") - postgresAtFirst, timedRows));
                figures.put("sink_master_rows", database.masterRows());
                figures.putAll(SinkBatches.read(metrics).since(batchesAtFirst));
                figures.put("sink_peak_heap_mib", mib(sink.peakHeapBytes()));
            }
            figures.put("sink_candle_rows", database.candleRows());
            figures.put("digest", database.historyDigest());
        }
        return figures;
    }

    /** COPYs the rows in the sink's default batch size, a transaction each, ids from {@code firstId} on. */
    private static long copyInBatches(Connection connection, List<HistoryRecord> rows, long firstId,
                                      Map<String, Long> providers) throws java.sql.SQLException {
        long copied = 0;
        int batch = SinkConfig.DEFAULT_MAX_BATCH;
        for (int from = 0; from < rows.size(); from += batch) {
            copied += BinaryCopyBaseline.copy(connection, rows.subList(from, Math.min(rows.size(), from + batch)),
                    firstId + from, providers);
            connection.commit();
        }
        return copied;
    }

    private static double micros(double cpuSeconds, long rows) {
        return cpuSeconds * 1e6 / Math.max(rows, 1);
    }

    /**
     * Waits until the sink's committed positions in {@code topic} reach {@code rows}. Positions, not the history
     * table, because a lookup in the table walks every row of the transaction in flight (see
     * {@link BenchDatabase#maxHistoryId}): polling it would load PostgreSQL while it is being measured.
     */
    private static Committed awaitCommitted(BenchDatabase database, String topic, long rows) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long committed = database.committedOffsets(topic);
                if (committed >= rows) {
                    return new Committed(System.nanoTime(), committed);
                }
            } catch (java.sql.SQLException e) {
                // The sink has not migrated the fresh database yet.
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The sink did not commit " + rows + " rows within " + WAIT);
    }

    /** How many rows the sink had committed, seen at {@code at} (nanoTime). */
    private record Committed(long at, long rows) {
    }

    // ---------------------------------------------------------------- (1) end to end, (6) memory, (4) latency, (5) API

    /**
     * One pipeline for every end-to-end run, warmed up once: the processor's JIT compiles for about a minute of
     * full load (C2 took 39 % of its CPU in its first minute, 3 % after), so fresh JVMs per run would measure the
     * compiler. The runs then follow each other on the warm pipeline, and the latency and API phases use it too.
     */
    private void endToEndLatencyAndApi() throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        // The commit probe's database is made first: creating a database forces a checkpoint.
        try (BenchDatabase probeDatabase = BenchDatabase.empty();
             Connection probeSession = probeDatabase.connect();
             KafkaProducer<byte[], byte[]> probeTransactions = transactionProbe();
             Pipeline pipeline = Pipeline.start(bootstrap, "e2e", config.outDir(), scratch.resolve("streams"))) {
            LatencyProbe.CommitProbes probes = new LatencyProbe.CommitProbes(probeSession, probeTransactions, COMMIT_PROBE_TOPIC);
            TickSequence ticks = new TickSequence(new TickGenerator(config.symbols(), 1));
            for (int i = 0; i < config.warmupTicks(); i++) {
                pipeline.send(ticks.next());
            }
            pipeline.publisher.flush();
            pipeline.database.awaitRows(config.warmupTicks(), WAIT);
            for (int run = 1; run <= config.runs(); run++) {
                runs.add(endToEndRun(pipeline, ticks, run));
            }
            Map<String, Object> e2e = medians(runs);
            e2e.put("ticks_per_run", config.ticks());
            e2e.put("warmup_ticks", config.warmupTicks());
            if (results.containsKey("sink")) {
                e2e.put("vs_seed_pattern", (double) e2e.get("ticks_per_s") / medianOf(sinkRuns(), "seed_pattern_rows_per_s"));
            }
            e2e.put("runs", runs);
            results.put("end_to_end", e2e);
            results.put("memory_at_max_rate", runs.get(runs.size() - 1).get("memory"));
            if (phases.contains("latency")) {
                latency(pipeline, (double) e2e.get("ticks_per_s"), probes);
            }
            pipeline.stopServices();
            if (phases.contains("api")) {
                api(pipeline.database);
            }
        }
    }

    private Map<String, Object> endToEndRun(Pipeline pipeline, TickSequence ticks, int run) throws Exception {
        long committedBefore = config.warmupTicks() + (long) (run - 1) * config.ticks();
        List<String> keys = new ArrayList<>(config.ticks());
        List<byte[]> values = new ArrayList<>(config.ticks());
        for (int i = 0; i < config.ticks(); i++) {
            PriceTick tick = ticks.next();
            keys.add(tick.symbol());
            values.add(TickGenerator.json(tick));
        }
        Map<String, ChildProcess> processes = Map.of("broker", broker, "processor", pipeline.processor, "sink", pipeline.sink);
        processes.values().forEach(ChildProcess::resetPeaks);
        Map<String, Double> cpuBefore = cpu(processes);
        Map<String, Double> compilingBefore = perProcess(processes, ChildProcess::compilerCpuSeconds);
        long start = System.nanoTime();
        for (int i = 0; i < keys.size(); i++) {
            pipeline.send(keys.get(i), values.get(i));
        }
        pipeline.publisher.flush();
        long done = pipeline.database.awaitRows(committedBefore + config.ticks(), WAIT);
        double seconds = (done - start) / 1e9;
        Map<String, Double> cpuAfter = cpu(processes);
        Map<String, Double> compilingAfter = perProcess(processes, ChildProcess::compilerCpuSeconds);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ticks_per_s", config.ticks() / seconds);
        Map<String, Object> perCpu = new LinkedHashMap<>();
        double total = 0;
        for (String name : cpuBefore.keySet()) {
            double used = cpuAfter.get(name) - cpuBefore.get(name);
            total += used;
            perCpu.put(name, config.ticks() / Math.max(used, 0.01));
        }
        figures.put("ticks_per_cpu_s", perCpu);
        figures.put("cpu_cores_busy", total / seconds);
        Map<String, Object> compilingShare = new LinkedHashMap<>();
        for (String name : compilingBefore.keySet()) {
            compilingShare.put(name, jitShare(compilingAfter.get(name) - compilingBefore.get(name),
                    cpuAfter.get(name) - cpuBefore.get(name)));
        }
        figures.put("jit_share_of_cpu", compilingShare);
        figures.put("master_rows", pipeline.database.masterRows());
        Map<String, Object> memory = new LinkedHashMap<>();
        for (Map.Entry<String, ChildProcess> process : new java.util.TreeMap<>(processes).entrySet()) {
            memory.put(process.getKey(), Map.of("peak_heap_mib", mib(process.getValue().peakHeapBytes()),
                    "peak_rss_mib", mib(process.getValue().peakRssBytes())));
        }
        figures.put("memory", memory);
        log("end-to-end run " + run + ": " + figures);
        return figures;
    }

    /** A transactional producer of its own, ready to commit one-record transactions to {@link #COMMIT_PROBE_TOPIC}. */
    private KafkaProducer<byte[], byte[]> transactionProbe() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(COMMIT_PROBE_TOPIC, 1, (short) 1))).all().get();
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-commit-probe",
                ProducerConfig.CLIENT_ID_CONFIG, "bench-commit-probe"),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private void latency(Pipeline pipeline, double maxRate, LatencyProbe.CommitProbes probes) throws Exception {
        TickGenerator generator = new TickGenerator(config.symbols(), 99);
        List<Map<String, Object>> phases = new ArrayList<>();
        for (double fraction : config.latencyRates()) {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("fraction_of_max", fraction);
            phase.putAll(LatencyProbe.measure(pipeline, generator, (int) Math.max(1, maxRate * fraction), config.latencyPhase(),
                    probes));
            phases.add(phase);
            log("latency: " + phase);
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("fraction_of_max", config.fixedLatencyRate() / maxRate);
        fixed.putAll(LatencyProbe.measure(pipeline, generator, config.fixedLatencyRate(), config.latencyPhase(), probes));
        log("latency: " + fixed);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("measures", "tick intended send time -> its history and master rows committed (NOTIFY received by a LISTENing client)");
        latency.put("at_fractions_of_max", phases);
        latency.put("at_fixed_rate", fixed);
        results.put("latency", latency);
    }

    /**
     * Single-symbol lookups against two API processes side by side: one as configured by default (answering from the
     * rows its stream follows, within {@code PRICE_MAX_STALENESS}) and one reading the database on every lookup
     * ({@code PRICE_MAX_STALENESS=0}), against pgbench running the same SELECT and the server's no-database endpoint.
     */
    private void api(BenchDatabase database) throws Exception {
        int port = Pipeline.freePort();
        int databasePathPort = Pipeline.freePort();
        Path script = ApiLoad.wrkScript(config.outDir(), config.symbols());
        int maxClients = PgLimits.freeConnections(database);
        List<Map<String, Object>> levels = new ArrayList<>();
        try (ChildProcess api = ChildProcess.start("api", List.of(), apiEnv(database, port, Map.of()), config.outDir());
             ChildProcess databasePath = ChildProcess.start("api", List.of(),
                     apiEnv(database, databasePathPort, Map.of("PRICE_MAX_STALENESS", "0")),
                     config.outDir().resolve("api-database-path"))) {
            String base = "http://127.0.0.1:" + port;
            String databaseBase = "http://127.0.0.1:" + databasePathPort;
            api.awaitReady(base + "/health/ready", Duration.ofSeconds(90));
            databasePath.awaitReady(databaseBase + "/health/ready", Duration.ofSeconds(90));
            // Until the JIT has compiled the request path; a cold server measures the compiler, not the API.
            ApiLoad.wrk(base + "/", 64, config.apiPhase(), script, config.outDir(), "warmup");
            ApiLoad.wrk(base + "/health/live", 64, config.apiPhase(), null, config.outDir(), "warmup-live");
            ApiLoad.wrk(databaseBase + "/", 64, config.apiPhase(), script, config.outDir(), "warmup-database-path");
            api.resetPeaks();
            for (int connections : config.connections()) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("connections", connections);
                Map<String, Object> prices = ApiLoad.wrk(base + "/", connections, config.apiPhase(), script, config.outDir(), "prices");
                Map<String, Object> fromDatabase = ApiLoad.wrk(databaseBase + "/", connections, config.apiPhase(), script,
                        config.outDir(), "prices-database-path");
                Map<String, Object> ping = ApiLoad.wrk(base + "/health/live", connections, config.apiPhase(), null, config.outDir(), "live");
                Map<String, Object> raw = ApiLoad.pgbench(database.config(), database.name(), config.symbols(),
                        Math.min(connections, maxClients), config.apiPhase(), config.outDir());
                level.put("api_price_lookup", prices);
                level.put("api_price_lookup_database_path", fromDatabase);
                level.put("no_db_endpoint", ping);
                level.put("raw_prepared_select", raw);
                level.put("api_vs_raw_select", ratio(prices.get("requests_per_s"), raw.get("queries_per_s")));
                level.put("api_database_path_vs_raw_select", ratio(fromDatabase.get("requests_per_s"), raw.get("queries_per_s")));
                level.put("api_vs_no_db_endpoint", ratio(prices.get("requests_per_s"), ping.get("requests_per_s")));
                levels.add(level);
                log("api: " + level);
            }
            Map<String, Object> apiMemory = Map.of("peak_heap_mib", mib(api.peakHeapBytes()), "peak_rss_mib", mib(api.peakRssBytes()));
            @SuppressWarnings("unchecked")
            Map<String, Object> memory = (Map<String, Object>) results.get("memory_at_max_rate");
            memory.put("api", apiMemory);
        }
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("load_generator", "wrk -t2 (outside the JVM), random symbol of " + config.symbols() + " per request");
        api.put("raw_select_client", "pgbench -M prepared -j2, same SELECT as the API; clients capped at "
                + maxClients + " by PostgreSQL's free connections");
        api.put("staleness_bound", "PRICE_MAX_STALENESS (default 2 s): a price served lags the committed master row "
                + "by at most this; the database path (PRICE_MAX_STALENESS=0) reads the committed row on every lookup");
        api.put("levels", levels);
        results.put("api", api);
    }

    /** The bar query for a day of one-minute bars (and hourly ones): API against its own SQL run raw. */
    private void candleQueries() throws Exception {
        int requests = (int) Math.max(50, config.apiPhase().toSeconds() * 200);
        try (BenchDatabase database = BenchDatabase.migrated()) {
            CandleQueries.load(database);
            int port = Pipeline.freePort();
            try (ChildProcess api = ChildProcess.start("api", List.of(), apiEnv(database, port, Map.of()),
                    config.outDir().resolve("api-candles"))) {
                String base = "http://127.0.0.1:" + port;
                api.awaitReady(base + "/health/ready", Duration.ofSeconds(90));
                Map<String, Object> candles = new LinkedHashMap<>();
                candles.put("client", "one Java HttpClient / one JDBC connection, requests one after another; "
                        + requests + " timed after " + requests + " untimed");
                candles.putAll(CandleQueries.measure(database, base, requests, requests));
                results.put("candles", candles);
                log("candles: " + candles);
            }
        }
    }

    private static Map<String, String> apiEnv(BenchDatabase database, int port, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("DATABASE_URL", database.config().url(),
                "DATABASE_USER", database.config().user(), "HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1",
                // All load comes from one address; the per-IP limit would measure itself, not the API.
                "API_RATE_LIMIT", "0"));
        env.putAll(extra);
        return env;
    }

    private static double ratio(Object numerator, Object denominator) {
        return (double) numerator / (double) denominator;
    }

    // ---------------------------------------------------------------- helpers

    private List<Map<String, Object>> sinkRuns() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) ((Map<String, Object>) results.get("sink")).get("runs");
        return runs;
    }

    /** One reading per child JVM, by name in alphabetical order. */
    private static Map<String, Double> perProcess(Map<String, ChildProcess> processes,
                                                  java.util.function.ToDoubleFunction<ChildProcess> reading) {
        Map<String, Double> readings = new LinkedHashMap<>();
        new java.util.TreeMap<>(processes).forEach((name, process) -> readings.put(name, reading.applyAsDouble(process)));
        return readings;
    }

    /** The share of a JVM's CPU its JIT compiler threads took, from the two differences over the same span. */
    private static double jitShare(double compilerCpuSeconds, double cpuSeconds) {
        return compilerCpuSeconds / Math.max(cpuSeconds, 0.01);
    }

    private Map<String, Double> cpu(Map<String, ChildProcess> processes) {
        Map<String, Double> cpu = perProcess(processes, ChildProcess::cpuSeconds);
        cpu.put("postgresql", ProcStat.cpuSecondsOfAll("postgres"));
        cpu.put("publisher", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9);
        return cpu;
    }

    private List<HistoryRecord> historyRecords(int count, long seed) {
        TickGenerator generator = new TickGenerator(config.symbols(), seed);
        Instant clock = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);
        List<HistoryRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clock = clock.plus(1, ChronoUnit.MICROS);
            records.add(new HistoryRecord(generator.next(clock), clock.plusMillis(3), true));
        }
        return records;
    }

    private void produceHistory(String topic, List<HistoryRecord> records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        Topic<String, HistoryEvent> history = Topics.priceHistory(topic);
        // Not idempotent: a fresh topic's first produce requests may meet NOT_LEADER, and an idempotent producer
        // retrying those can wedge on OUT_OF_ORDER_SEQUENCE. Order within a partition does not matter here.
        try (KafkaProducer<String, HistoryEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), history.keySerde().serializer(), history.valueSerde().serializer())) {
            awaitLeaders(producer, topic);
            for (HistoryRecord record : records) {
                producer.send(new ProducerRecord<>(topic, record.tick().symbol(), record));
            }
            producer.flush();
        }
    }

    private static void awaitLeaders(KafkaProducer<?, ?> producer, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (producer.partitionsFor(topic).stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + topic + " has partitions without a leader");
            }
            Thread.sleep(50);
        }
    }

    private static Collection<String> providerCodes(List<HistoryRecord> records) {
        TreeSet<String> codes = new TreeSet<>();
        records.forEach(record -> codes.add(record.tick().provider()));
        return codes;
    }

    /** Ticks one microsecond apart, from an hour ago on, so that each becomes its symbol's current price. */
    private static final class TickSequence {
        private final TickGenerator generator;
        private Instant clock = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);

        TickSequence(TickGenerator generator) {
            this.generator = generator;
        }

        PriceTick next() {
            clock = clock.plus(1, ChronoUnit.MICROS);
            return generator.next(clock);
        }
    }

    /** Medians of every numeric figure across runs (nested maps of numbers too). */
    static Map<String, Object> medians(List<Map<String, Object>> runs) {
        Map<String, Object> medians = new LinkedHashMap<>();
        for (String key : runs.get(0).keySet()) {
            Object first = runs.get(0).get(key);
            if (first instanceof Number) {
                medians.put(key, medianOf(runs, key));
            } else if (first instanceof Map<?, ?> nested && nested.values().stream().allMatch(Number.class::isInstance)) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> inner = runs.stream().map(r -> (Map<String, Object>) r.get(key)).toList();
                medians.put(key, medians(inner));
            } else if (first instanceof Boolean) {
                medians.put(key, runs.stream().allMatch(r -> Boolean.TRUE.equals(r.get(key))));
            }
        }
        return medians;
    }

    static double medianOf(List<Map<String, Object>> runs, String key) {
        return median(runs.stream().map(r -> ((Number) r.get(key)).doubleValue()).toList(), Function.identity());
    }

    private static <T> double median(List<T> values, Function<T, Double> number) {
        double[] sorted = values.stream().mapToDouble(number::apply).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }

    private void write() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(config.outDir().resolve("results.json").toFile(), results);
    }

    static void log(String message) {
        System.out.println("[benchmark " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
