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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Duration STARTUP = Duration.ofSeconds(90);

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

    Pipeline(Path brokerDir, Path workDir, Path logDir, int standbyReplicas) {
        this.brokerDir = brokerDir;
        this.workDir = workDir;
        this.logDir = logDir;
        this.standbyReplicas = standbyReplicas;
        this.broker = EmbeddedKafkaBroker.start(brokerDir, 0);
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
        ServiceProcess processor = ServiceProcess.start(ServiceProcess.Kind.PROCESSOR, name, env, port, logDir);
        stateDirs.put(name, stateDir);
        processors.add(processor);
        return processor;
    }

    ServiceProcess startSink() {
        String name = "sink-" + (++started);
        Map<String, String> env = new HashMap<>(kafkaEnv());
        int port = freePort();
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name());
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

    void restartBroker() {
        broker.close();
        broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
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

    private static int freePort() {
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
