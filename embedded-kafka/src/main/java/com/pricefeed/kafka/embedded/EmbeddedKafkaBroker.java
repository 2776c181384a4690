package com.pricefeed.kafka.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one), running inside this JVM
 * on 127.0.0.1. Its storage is formatted on first start and reused after, so a restart keeps every topic.
 *
 * <pre>{@code
 * try (var broker = EmbeddedKafkaBroker.start(Path.of("data/kafka"), 9092)) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
    }

    /**
     * Starts a broker whose client listener is {@code 127.0.0.1:port}; {@code port} 0 picks a free one.
     *
     * @param logDir where the broker keeps its data; created and formatted when it holds no broker yet
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return start(logDir, port, Map.of());
    }

    /**
     * Starts a broker as {@link #start(Path, int)} does, with some broker settings of its own, e.g.
     * {@code Map.of("message.timestamp.after.max.ms", "60000")}; they replace the defaults of this class.
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port, Map<String, String> brokerSettings) {
        return start(logDir, port, brokerSettings, null);
    }

    /**
     * Starts a broker as a company cluster runs one: its client listener is {@code SASL_SSL} with SCRAM-SHA-512,
     * authorization by {@code StandardAuthorizer} with nothing allowed that no ACL allows, and one super user,
     * {@link Secured#ADMIN}, whose credentials are written at format time. Other users and their ACLs are created
     * by that admin ({@code Admin.alterUserScramCredentials}, {@code Admin.createAcls}).
     */
    public static EmbeddedKafkaBroker startSecured(Path logDir, int port, Secured secured) {
        return start(logDir, port, Map.of(), secured);
    }

    private static EmbeddedKafkaBroker start(Path logDir, int port, Map<String, String> brokerSettings, Secured secured) {
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties properties = properties(logDir, brokerPort, controllerPort);
        if (secured != null) {
            properties.putAll(secured.brokerSettings(brokerPort, controllerPort));
        }
        properties.putAll(brokerSettings);
        KafkaConfig config = new KafkaConfig(properties);
        formatOnce(logDir, secured == null ? List.of() : List.of(secured.scramArgument()));
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Kafka broker (KRaft) listening on {}:{}, data in {}", HOST, brokerPort, logDir.toAbsolutePath());
        return new EmbeddedKafkaBroker(server, brokerPort, logDir);
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // A single node can hold only one replica of the internal topics; without these an EOS app hangs.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The 128 MB default dedupe buffer would take a large bite of a small heap.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        /*
         * A controlled shutdown moves leadership to other brokers; a single node has none, yet the broker would wait up
         * to 5 minutes for its own controller to approve it, an approval that needs the metadata log committed (and
         * flushed) first. Stopping without it loses nothing: there is no other replica to hand over to.
         */
        p.put("controlled.shutdown.enable", "false");
        return p;
    }

    private static void formatOnce(Path logDir, List<String> scramArguments) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setScramArguments(scramArguments)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
