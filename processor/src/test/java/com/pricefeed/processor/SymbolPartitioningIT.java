package com.pricefeed.processor;

import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.streams.SymbolPartitioning;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.KafkaBrokerExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.pricefeed.processor.ProcessorTestSupport.count;
import static com.pricefeed.processor.ProcessorTestSupport.latestByKey;
import static com.pricefeed.processor.ProcessorTestSupport.ownProcessor;
import static com.pricefeed.processor.ProcessorTestSupport.readCommitted;
import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the per-symbol state lives follows the publishers' partitioner, chosen once per deployment. */
class SymbolPartitioningIT {

    private static final int PARTITIONS = 6;

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
    void shouldProcessTicksPlacedByTheDeploymentsPartitionerWhereTheyArriveAndSendOnlyTheOthersThroughTicksBySymbol()
            throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<String> placed = symbols("CRC", 40);
        List<String> javaKeyed = symbols("JAV", 40);
        try (PriceProcessor processor = new PriceProcessor(config("placed", "crc32"), registry)) {
            processor.start();
            assertThat(processor.partitioner()).isEqualTo(SymbolPartitioner.CRC32);
            try (Producer<String, byte[]> crc32 = producer(SymbolPartitioner.CRC32);
                 Producer<String, byte[]> murmur2 = producer(SymbolPartitioner.MURMUR2)) {
                placed.forEach(symbol -> crc32.send(tick("placed", symbol)));
                javaKeyed.forEach(symbol -> murmur2.send(tick("placed", symbol)));
            }

            Map<String, ?> history = latestByKey(readCommitted(kafka.bootstrapServers(), Topics.priceHistory("placed-history"), 80));
            assertThat(history).containsOnlyKeys(concat(placed, javaKeyed));
            long elsewhere = javaKeyed.stream()
                    .filter(symbol -> SymbolPartitioner.MURMUR2.partition(symbol, PARTITIONS)
                            != SymbolPartitioner.CRC32.partition(symbol, PARTITIONS))
                    .count();
            assertThat(elsewhere).isPositive();
            assertThat(count(registry, TickCounters.REPARTITIONED)).isEqualTo(elsewhere);
        }
    }

    @Test
    void shouldKeepThePartitionerADeploymentWasCreatedWithAndRefuseAnother() {
        try (PriceProcessor processor = new PriceProcessor(config("kept", "crc32"), registry())) {
            processor.start();
            assertThat(processor.partitioner()).isEqualTo(SymbolPartitioner.CRC32);
        }
        assertThat(topics()).contains(SymbolPartitioning.markerTopic("kept", SymbolPartitioner.CRC32));

        try (PriceProcessor processor = new PriceProcessor(config("kept", null), registry())) {
            processor.start();
            assertThat(processor.partitioner()).isEqualTo(SymbolPartitioner.CRC32);
        }
        try (PriceProcessor processor = new PriceProcessor(config("kept", "murmur2"), registry())) {
            assertThatThrownBy(processor::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("PRICE_TICKS_PARTITIONER is murmur2 but the state of kept was built for crc32 publishers; "
                            + "unset it or set it to crc32 (changing it needs a new PROCESSOR_APPLICATION_ID)");
        }
    }

    @Test
    void shouldTakeStateFromBeforeThePartitionerWasRecordedForMurmur2() throws Exception {
        String changelog = "legacy-master-store-changelog";
        admin.createTopics(List.of(new NewTopic(changelog, PARTITIONS, (short) 1))).all().get();
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(changelog, 3, "AAPL".getBytes(), new byte[]{1})).get();
        }

        try (PriceProcessor processor = new PriceProcessor(config("legacy", "crc32"), registry())) {
            assertThatThrownBy(processor::start).hasMessageContaining("was built for murmur2 publishers");
        }
        try (PriceProcessor processor = new PriceProcessor(config("legacy", null), registry())) {
            processor.start();
            assertThat(processor.partitioner()).isEqualTo(SymbolPartitioner.MURMUR2);
        }
        assertThat(topics()).contains(SymbolPartitioning.markerTopic("legacy", SymbolPartitioner.MURMUR2))
                .doesNotContain(SymbolPartitioning.markerTopic("legacy", SymbolPartitioner.CRC32));
    }

    private static ProcessorConfig config(String name, String partitioner) {
        Map<String, String> settings = new HashMap<>();
        if (partitioner != null) {
            settings.put("PRICE_TICKS_PARTITIONER", partitioner);
        }
        return ownProcessor(kafka.bootstrapServers(), dir, name, PARTITIONS, settings);
    }

    private static Producer<String, byte[]> producer(SymbolPartitioner partitioner) {
        Map<String, Object> properties = new HashMap<>(partitioner.producerProperties());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> tick(String name, String symbol) {
        return new ProducerRecord<>(name + "-ticks", symbol, aTick().symbol(symbol).at(Instant.now()).bytes());
    }

    private static List<String> symbols(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static java.util.Set<String> topics() {
        try {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
