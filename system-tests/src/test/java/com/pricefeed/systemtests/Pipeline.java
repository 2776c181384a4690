package com.pricefeed.systemtests;

import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;
import com.pricefeed.testing.TcpProxy;
import com.pricefeed.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system under test: an in-JVM broker (restartable on the same data and port), the local PostgreSQL behind a
 * TCP proxy (so the test can refuse the sink's connections), and processor and sink instances as OS processes.
 * Every fault it injects is counted by component and signal.
 */
final class Pipeline implements AutoCloseable {

    static final String APPLICATION_ID = "fault-processor";
    static final String SINK_GROUP = "fault-sink";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** How far in the future a tick may lie; the broker refuses record timestamps beyond one hour ahead. */
    static final String MAX_FUTURE_SKEW = "1d";
    /**
     * Kafka's default limit ahead, stated, and a limit behind as an operator may set one: a processor that stamped its
     * records with the tick's own time would have some refused.
     */
    static final Map<String, String> BROKER_SETTINGS = Map.of(
            "log.message.timestamp.after.max.ms", Long.toString(Duration.ofHours(1).toMillis()),
            "log.message.timestamp.before.max.ms", Long.toString(Duration.ofDays(7).toMillis()));
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String HISTORY_WRITE_WAITING = """
            SELECT application_name FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%realtime_price_history%'""";

    private final Path brokerDir;
    private final Path workDir;
    private final Path logDir;
    private final int brokerPort;
    private final TestDatabase database;
    private final TcpProxy proxy;
    private final int standbyReplicas;
    private final List<ServiceProcess> processors = new ArrayList<>();
    private final List<ServiceProcess> sinks = new ArrayList<>();
    private final Map<String, Integer> faults = new TreeMap<>();
    private final Map<String, Path> stateDirs = new HashMap<>();
    private EmbeddedKafkaBroker broker;
    private int started;
    /** Accepted ticks published so far: history holds them all once the pipeline has caught up. */
    private long acceptedPublished;
    private Connection historyLock;

    Pipeline(Path brokerDir, Path workDir, Path logDir, int standbyReplicas) {
        this.brokerDir = brokerDir;
        this.workDir = workDir;
        this.logDir = logDir;
        this.standbyReplicas = standbyReplicas;
        this.broker = EmbeddedKafkaBroker.start(brokerDir, 0, BROKER_SETTINGS);
        this.brokerPort = URI.create("kafka://" + broker.bootstrapServers()).getPort();
        this.database = TestDatabase.create();
        URI server = URI.create(database.config().url().substring("jdbc:".length()));
        this.proxy = TcpProxy.start(server.getHost(), server.getPort());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    TestDatabase database() {
        return database;
    }

    List<ServiceProcess> processors() {
        return List.copyOf(processors);
    }

    List<ServiceProcess> sinks() {
        return List.copyOf(sinks);
    }

    /** Tells the faults how many accepted ticks have been published so far. */
    void published(long accepted) {
        acceptedPublished = accepted;
    }

    /** Faults performed so far, e.g. {@code processor SIGKILL=2}. */
    Map<String, Integer> faults() {
        return new TreeMap<>(faults);
    }

    // --- starting instances ---

    /** A processor with a state directory of its own, as a new pod would have. */
    ServiceProcess startProcessor() {
        return startProcessor(workDir.resolve("processor-state-" + (started + 1)));
    }

    /** A replacement on the state directory the dead instance left behind, as a restarted pod would have. */
    ServiceProcess restartProcessor(ServiceProcess dead) {
        return startProcessor(stateDirs.get(dead.name()));
    }

    private ServiceProcess startProcessor(Path stateDir) {
        String name = "processor-" + (++started);
        Map<String, String> env = new HashMap<>(kafkaEnv());
        int port = freePort();
        env.put("PROCESSOR_APPLICATION_ID", APPLICATION_ID);
        env.put("PROCESSOR_STATE_DIR", stateDir.toString());
        env.put("PROCESSOR_OPS_PORT", Integer.toString(port));
        env.put("PROCESSOR_STANDBY_REPLICAS", Integer.toString(standbyReplicas));
        env.put("PROCESSOR_SESSION_TIMEOUT", SESSION_TIMEOUT.toSeconds() + "s");
        env.put("PRICE_TICKS_PARTITIONS", "6");
        env.put("MAX_FUTURE_SKEW", MAX_FUTURE_SKEW);
        ServiceProcess processor = ServiceProcess.start(ServiceProcess.Kind.PROCESSOR, name, env, port, logDir);
        stateDirs.put(name, stateDir);
        processors.add(processor);
        return processor;
    }

    ServiceProcess startSink() {
        String name = "sink-" + (++started);
        Map<String, String> env = new HashMap<>(kafkaEnv());
        int port = freePort();
        // Named in pg_stat_activity, so a fault can tell the sinks' sessions apart.
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name() + "?ApplicationName=" + name);
        env.put("DATABASE_USER", database.config().user());
        env.put("DATABASE_PASSWORD", database.config().password());
        env.put("SINK_GROUP_ID", SINK_GROUP);
        env.put("SINK_OPS_PORT", Integer.toString(port));
        env.put("SINK_RETRY_MAX_BACKOFF", "2s");
        env.put("SINK_SESSION_TIMEOUT", SESSION_TIMEOUT.toSeconds() + "s");
        ServiceProcess sink = ServiceProcess.start(ServiceProcess.Kind.SINK, name, env, port, logDir);
        sinks.add(sink);
        return sink;
    }

    void awaitReady(ServiceProcess service) {
        await("%s ready (log: %s)".formatted(service, service.log())).atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(service.isAlive()).as("%s is alive (log: %s)", service, service.log()).isTrue();
                    return service.ready();
                });
    }

    // --- faults ---

    void killProcessor(Random random) {
        ServiceProcess victim = pick(processors, random);
        victim.kill();
        processors.remove(victim);
        count("processor SIGKILL");
        awaitReady(restartProcessor(victim));
    }

    void killSink(Random random) {
        ServiceProcess victim = pick(sinks, random);
        victim.kill();
        sinks.remove(victim);
        count("sink SIGKILL");
        awaitReady(startSink());
    }

    /** SIGTERM and restart: the process must finish or abandon its batch cleanly and exit with status 0. */
    void terminateSink(Random random) {
        ServiceProcess victim = pick(sinks, random);
        assertThat(victim.terminate()).as("exit status of %s after SIGTERM (log: %s)", victim, victim.log()).isZero();
        sinks.remove(victim);
        count("sink SIGTERM");
        awaitReady(startSink());
    }

    void terminateProcessor(Random random) {
        ServiceProcess victim = pick(processors, random);
        assertThat(victim.terminate()).as("exit status of %s after SIGTERM (log: %s)", victim, victim.log()).isZero();
        processors.remove(victim);
        count("processor SIGTERM");
        awaitReady(restartProcessor(victim));
    }

    void scaleOutSinks() {
        awaitReady(startSink());
        count("sink scale-out");
    }

    void scaleInSinks() {
        ServiceProcess leaving = sinks.get(sinks.size() - 1);
        assertThat(leaving.terminate()).as("exit status of %s after SIGTERM (log: %s)", leaving, leaving.log()).isZero();
        sinks.remove(leaving);
        count("sink scale-in");
    }

    void scaleOutProcessors() {
        awaitReady(startProcessor());
        count("processor scale-out");
    }

    void scaleInProcessors() {
        ServiceProcess leaving = processors.get(processors.size() - 1);
        assertThat(leaving.terminate()).as("exit status of %s after SIGTERM (log: %s)", leaving, leaving.log()).isZero();
        processors.remove(leaving);
        count("processor scale-in");
    }

    /**
     * Holds a SHARE lock on the history table, so that the next history insert of every sink waits, until
     * {@link #freezeSinkPastItsSession()} releases it. Taken before ticks are published, so that a sink has a batch to
     * write.
     */
    void holdHistoryWrites() {
        try {
            historyLock = database.connect();
            historyLock.setAutoCommit(false);
            try (Statement statement = historyLock.createStatement()) {
                statement.execute("LOCK TABLE realtime_price_history IN SHARE MODE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SIGSTOP of a sink in the middle of writing a batch, for longer than its session timeout, while another sink
     * takes its partitions over and writes every record published so far; then SIGCONT. The frozen sink's transaction
     * resumes with a batch another sink has already written: its position check must refuse it (and it logs so).
     *
     * <p>The sink is frozen while its history insert waits for the lock of {@link #holdHistoryWrites()}: it holds no
     * lock another sink needs, and its batch is not committed.
     */
    void freezeSinkPastItsSession() {
        assertThat(sinks).as("sinks running (a freeze needs another sink to take over)").hasSizeGreaterThanOrEqualTo(2);
        assertThat(historyLock).as("history writes held (holdHistoryWrites)").isNotNull();
        ServiceProcess frozen;
        try (Connection lock = historyLock) {
            frozen = await("a sink's history insert waits for the lock").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20)).until(this::sinkWaitingToWriteHistory, Optional::isPresent).orElseThrow();
            frozen.freeze();
            lock.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            historyLock = null;
        }
        count("sink SIGSTOP");
        long due = acceptedPublished;
        await("the other sinks write all %d accepted ticks while %s is frozen".formatted(due, frozen))
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(this::historyRows, rows -> rows >= due);
        frozen.resume();
        await("%s refuses its late batch (log: %s)".formatted(frozen, frozen.log())).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250)).until(() -> frozen.logged(LATE_BATCH_REFUSED));
        awaitReady(frozen);
    }

    /** What a sink logs when the stored positions are past the batch it wanted to write. */
    static final String LATE_BATCH_REFUSED = "already stored past the batch's first offset";

    private Optional<ServiceProcess> sinkWaitingToWriteHistory() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet waiting = statement.executeQuery(HISTORY_WRITE_WAITING)) {
            while (waiting.next()) {
                String name = waiting.getString(1);
                Optional<ServiceProcess> sink = sinks.stream().filter(s -> s.name().equals(name)).findFirst();
                if (sink.isPresent()) {
                    return sink;
                }
            }
        }
        return Optional.empty();
    }

    private long historyRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM realtime_price_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void restartBroker() {
        broker.close();
        broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort, BROKER_SETTINGS);
        count("broker restart");
    }

    /**
     * The database refuses the sinks' connections (and cuts the open ones) until every sink has reported itself not
     * ready for a few seconds, then accepts them again.
     */
    void refuseDatabaseConnections() {
        proxy.cut();
        try {
            await("sinks not ready while the database refuses connections").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> sinks.stream().noneMatch(ServiceProcess::ready));
            sinks.forEach(sink -> assertThat(sink.isAlive()).as("%s survives the outage", sink).isTrue());
        } finally {
            proxy.open();
        }
        count("postgres refusing connections");
        sinks.forEach(this::awaitReady);
    }

    /** Restarts the local PostgreSQL cluster for real ({@code pg_ctlcluster ... restart}). */
    void restartPostgres() {
        String version = postgresVersion();
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"));
        count("postgres restart");
        sinks.forEach(this::awaitReady);
    }

    private static String postgresVersion() {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
                    .max(java.util.Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL cluster under /etc/postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("postgres-restart.log").toFile())).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
            assertThat(process.exitValue()).as("exit status of %s (see %s)", command, logDir.resolve("postgres-restart.log")).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void count(String fault) {
        faults.merge(fault, 1, Integer::sum);
    }

    private static ServiceProcess pick(List<ServiceProcess> instances, Random random) {
        return instances.get(random.nextInt(instances.size()));
    }

    private Map<String, String> kafkaEnv() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(processors);
        all.addAll(sinks);
        all.forEach(ServiceProcess::kill);
        proxy.close();
        try {
            database.close();
        } finally {
            broker.close();
        }
    }
}
