package com.pricefeed.systemtests;

import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as a user runs it ({@code price-processor.jar demo}, a process of its own), stopped with SIGTERM after a
 * loaded run while its processor is in the state that made stopping slowest: a stream thread failing and being
 * replaced, Kafka Streams waiting for the rebalance. It must be gone within 10 s.
 */
class DemoShutdownIT {

    private static final Path LOGS = Path.of("target", "system-tests", "demo-shutdown-" + System.currentTimeMillis());
    /** Rows in PostgreSQL before the stop: half a minute of the feed's rate, with every part busy. */
    private static final long LOADED_ROWS = 60_000;
    private static final String FEED_RATE = "2000";
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);
    private static final String PROCESSOR_GROUP = "price-processor";

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("the demo, after a loaded run and with its processor failing again and again, is gone within 10 s of SIGTERM")
    void shouldBeGoneWithinTenSecondsOfSigtermAfterALoadedRun() throws Exception {
        int kafkaPort = Pipeline.freePort();
        int processorOps = Pipeline.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        try (TestDatabase database = TestDatabase.create()) {
            ServiceProcess demo = ServiceProcess.start(ServiceProcess.Kind.DEMO, "demo", Map.ofEntries(
                    Map.entry("DEMO_KAFKA_PORT", Integer.toString(kafkaPort)),
                    Map.entry("DEMO_DATA_DIR", dataDir.toString()),
                    Map.entry("HTTP_HOST", "127.0.0.1"),
                    Map.entry("HTTP_PORT", Integer.toString(Pipeline.freePort())),
                    Map.entry("PROCESSOR_OPS_PORT", Integer.toString(processorOps)),
                    Map.entry("SINK_OPS_PORT", Integer.toString(Pipeline.freePort())),
                    Map.entry("DATABASE_URL", database.config().url()),
                    Map.entry("DATABASE_USER", database.config().user()),
                    Map.entry("DATABASE_PASSWORD", database.config().password()),
                    Map.entry("FEED_RATE", FEED_RATE)), processorOps, LOGS);
            try {
                await("demo ready (log: %s)".formatted(demo.log())).atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500)).until(demo::ready);
                Observations observe = new Observations(database);
                await("%d history rows".formatted(LOADED_ROWS)).atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(observe::historyRows, rows -> rows >= LOADED_ROWS);
                failTheStreamThreadAgainAndAgain(bootstrap);
                await("a stream thread failed (log: %s)".formatted(demo.log())).atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(250)).until(() -> demo.logged("A stream thread failed; replacing it"));
                // Its replacement waits in the group for the failed thread's session to end (45 s by default).
                await("the processors' group preparing a rebalance").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(250)).until(() -> groupState(bootstrap) == GroupState.PREPARING_REBALANCE);

                long signalled = System.nanoTime();
                demo.sigterm();

                assertThat(demo.endsWithin(GONE_WITHIN)).as("demo gone within %s of SIGTERM (log: %s)", GONE_WITHIN, demo.log())
                        .isTrue();
                System.out.printf("[demo-shutdown] gone %d ms after SIGTERM%n", Duration.ofNanos(System.nanoTime() - signalled).toMillis());
            } finally {
                demo.kill();
            }
        }
    }

    private static GroupState groupState(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeConsumerGroups(List.of(PROCESSOR_GROUP)).all().get().get(PROCESSOR_GROUP).groupState();
        }
    }

    /** A dead-letter topic that refuses even a reference to a record, then a record to dead-letter. */
    private static void failTheStreamThreadAgainAndAgain(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRICE_TICKS_DLQ),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "200"),
                            AlterConfigOp.OpType.SET)))).all().get();
            producer.send(new ProducerRecord<>(Topics.PRICE_TICKS, "AAPL".getBytes(UTF_8), "{not json".getBytes(UTF_8))).get();
        }
    }
}
