package com.pricefeed.processor;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.processor.dlq.RefusedDeadLetters;
import com.pricefeed.processor.master.DedupChangelog;
import com.pricefeed.processor.state.RocksDbMemory;
import com.pricefeed.processor.streams.StreamsProperties;
import com.pricefeed.testing.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static com.pricefeed.processor.ProcessorTestSupport.PATIENCE;
import static com.pricefeed.processor.ProcessorTestSupport.get;
import static com.pricefeed.processor.ProcessorTestSupport.ownProcessor;
import static com.pricefeed.testing.TickBuilder.aTick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Settings whose effect only a running Kafka Streams on a real broker shows: changelog retention, RocksDB memory, commits. */
class ProcessorSettingsIT {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    static Admin admin;

    @BeforeAll
    static void createAdmin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @Test
    void shouldKeepTheDuplicateChangelogForTheWindowAndFollowAWindowWidenedLater() throws Exception {
        String changelog = DedupChangelog.topic("windows");
        try (PriceProcessor processor = new PriceProcessor(config("windows", Map.of("DEDUP_WINDOW", "1h")), registry())) {
            processor.start();
            await().atMost(PATIENCE).ignoreExceptions()
                    .untilAsserted(() -> assertThat(retentionAndSegment(changelog)).containsExactly("3660000", "3600000"));
        }

        try (PriceProcessor processor = new PriceProcessor(config("windows", Map.of("DEDUP_WINDOW", "2h")), registry())) {
            processor.start();
            assertThat(retentionAndSegment(changelog)).containsExactly("7260000", "7200000");
        }
    }

    @Test
    void shouldPutEveryRocksDbStoreOnOneCacheOfTheConfiguredSize() throws Exception {
        ProcessorConfig config = config("rocksdb", Map.of("PROCESSOR_ROCKSDB_MEMORY_MB", "24"));
        try (PriceProcessor processor = new PriceProcessor(config, registry());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            processor.start();
            producer.send(new ProducerRecord<>("rocksdb-ticks", "AAPL".getBytes(UTF_8), aTick().at(Instant.now()).bytes())).get();

            // A window store reports 0 until it opens its first segment; the two stores of the task that got the tick report.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(blockCacheCapacities(processor.opsPort()))
                    .filteredOn(capacity -> capacity > 0)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .containsOnly(24.0 * 1024 * 1024));
        }
    }

    @Test
    void shouldStartKafkaStreamsWithTheLongestCommitIntervalAllowedAndRefuseOneMillisecondMore() throws Exception {
        ProcessorConfig longest = config("commits", Map.of("PROCESSOR_COMMIT_INTERVAL", "10s"));
        assertThat(longest.commitInterval()).isEqualTo(StreamsProperties.TRANSACTION_TIMEOUT);
        try (PriceProcessor processor = new PriceProcessor(longest, registry())) {
            processor.start();
            await().atMost(PATIENCE).until(() -> processor.state() == KafkaStreams.State.RUNNING);
        }

        assertThatThrownBy(() -> config("commits", Map.of("PROCESSOR_COMMIT_INTERVAL", "10001ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PROCESSOR_COMMIT_INTERVAL must be between");
        ProcessorConfig tooLong = new ProcessorConfig(longest.kafka(), longest.applicationId(), longest.stateDir(),
                longest.topology(), longest.topicPartitions(), longest.replicationFactor(), longest.threads(),
                Duration.ofMillis(10_001), longest.standbyReplicas(), longest.opsPort(), longest.sessionTimeout(),
                longest.rocksDbMemoryBytes(), longest.opsHost(), longest.partitioner());
        try (RocksDbMemory memory = new RocksDbMemory(tooLong.rocksDbMemoryBytes())) {
            Properties properties = StreamsProperties.from(tooLong, new RefusedDeadLetters("commits-dlq"), memory);
            assertThatThrownBy(() -> new KafkaStreams(PriceTopology.build(tooLong.topology(), Clock.systemUTC(),
                    new SimpleMeterRegistry(), new RefusedDeadLetters("commits-dlq")), properties))
                    .hasMessageContaining("Transaction timeout 10000 was set lower than streams commit interval 10001");
        }
    }

    private static List<String> retentionAndSegment(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return List.of(config.get(TopicConfig.RETENTION_MS_CONFIG).value(), config.get(TopicConfig.SEGMENT_MS_CONFIG).value());
    }

    /** Every {@code block-cache-capacity} of a RocksDB store the processor reports on {@code /metrics}. */
    private static List<Double> blockCacheCapacities(int opsPort) throws Exception {
        return get(opsPort, "/metrics").body().lines()
                .filter(line -> line.startsWith("kafka_stream_state_block_cache_capacity{"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toList();
    }

    private static ProcessorConfig config(String name, Map<String, String> settings) {
        return ownProcessor(kafka.bootstrapServers(), dir, name, 2, settings);
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
