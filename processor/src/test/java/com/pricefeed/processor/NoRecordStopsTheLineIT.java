package com.pricefeed.processor;

import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.KafkaBrokerExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.pricefeed.processor.ProcessorTestSupport.PATIENCE;
import static com.pricefeed.processor.ProcessorTestSupport.count;
import static com.pricefeed.processor.ProcessorTestSupport.get;
import static com.pricefeed.processor.ProcessorTestSupport.ownProcessor;
import static com.pricefeed.processor.ProcessorTestSupport.header;
import static com.pricefeed.processor.ProcessorTestSupport.latestByKey;
import static com.pricefeed.processor.ProcessorTestSupport.readCommitted;
import static com.pricefeed.testing.TickBuilder.aTick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No input record, whatever its size or timestamp, stops a partition: each test sends poison and then a valid tick
 * that must come out the other side. The broker refuses record timestamps more than a minute from its clock either way.
 */
class NoRecordStopsTheLineIT {

    /** Kafka's default {@code message.max.bytes}, the largest record batch the broker accepts. */
    private static final int BROKER_LIMIT = 1_048_588;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(Map.of(
            "log.message.timestamp.after.max.ms", "60000",
            "log.message.timestamp.before.max.ms", "60000"));

    @Test
    void shouldDeadLetterARecordJustUnderTheBrokersLimitTruncatedAndProcessTheTicksAfterIt() throws Exception {
        ProcessorConfig config = config("oversized", 1, Map.of());
        byte[] poison = new byte[BROKER_LIMIT - 200];
        Arrays.fill(poison, (byte) 'x');
        byte[] hugeHeader = new byte[BROKER_LIMIT - 400];
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (PriceProcessor processor = new PriceProcessor(config, registry);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            processor.start();
            String ticks = config.topology().topics().priceTicks();
            producer.send(new ProducerRecord<>(ticks, "AAPL".getBytes(UTF_8), poison)).get();
            producer.send(new ProducerRecord<>(ticks, null, null, "MSFT".getBytes(UTF_8),
                    aTick().symbol("MSFT").at(Instant.now()).bytes(), new RecordHeaders().add("trace", hugeHeader))).get();
            producer.send(new ProducerRecord<>(ticks, "AAPL".getBytes(UTF_8), aTick().symbol("AAPL").at(Instant.now()).bytes())).get();

            List<ConsumerRecord<String, HistoryEvent>> history =
                    readCommitted(kafka.bootstrapServers(), Topics.priceHistory("oversized-history"), 2);
            assertThat(history).extracting(ConsumerRecord::key).containsExactly("MSFT", "AAPL");
            ConsumerRecord<byte[], byte[]> dead = readCommitted(kafka.bootstrapServers(), Topics.priceTicksDlq("oversized-dlq"), 1).get(0);
            assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("NOT_JSON");
            assertThat(header(dead, DeadLetterHeaders.TRUNCATED)).isEqualTo("TOO_LARGE");
            assertThat(header(dead, DeadLetterHeaders.ORIGINAL_VALUE_SIZE)).isEqualTo(Integer.toString(poison.length));
            assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(dead.key()).isEqualTo("AAPL".getBytes(UTF_8));
            assertThat(poison).startsWith(dead.value());
            assertThat(count(registry, TickCounters.TRUNCATED)).isEqualTo(1.0);
            assertThat(get(processor.opsPort(), "/metrics").body())
                    .contains("prices_dead_letters_truncated_total{cause=\"TOO_LARGE\"} 1.0");
        }
    }

    @Test
    void shouldWriteAReferenceToARecordWhoseDeadLetterTheBrokerRefusesAndProcessTheTicksAfterIt() throws Exception {
        ProcessorConfig config = config("refused", 1, Map.of());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (PriceProcessor processor = new PriceProcessor(config, registry);
             KafkaProducer<byte[], byte[]> producer = producer();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            processor.start();
            // Lowered after the processor read it: the dead letter below fits what the processor knows, not the broker.
            setMaxMessageBytes(admin, new ConfigResource(ConfigResource.Type.TOPIC, "refused-dlq"), "2048");
            String ticks = config.topology().topics().priceTicks();
            producer.send(new ProducerRecord<>(ticks, "AAPL".getBytes(UTF_8), new byte[10_000])).get();
            producer.send(new ProducerRecord<>(ticks, "AAPL".getBytes(UTF_8), aTick().symbol("AAPL").at(Instant.now()).bytes())).get();

            assertThat(readCommitted(kafka.bootstrapServers(), Topics.priceHistory("refused-history"), 1))
                    .extracting(ConsumerRecord::key).containsExactly("AAPL");
            ConsumerRecord<byte[], byte[]> dead = readCommitted(kafka.bootstrapServers(), Topics.priceTicksDlq("refused-dlq"), 1).get(0);
            assertThat(header(dead, DeadLetterHeaders.TRUNCATED)).isEqualTo("REFUSED_BY_BROKER");
            assertThat(header(dead, DeadLetterHeaders.ORIGINAL_VALUE_SIZE)).isEqualTo("10000");
            assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("refused-ticks");
            assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(dead.key()).isNull();
            assertThat(dead.value()).isNull();
            assertThat(get(processor.opsPort(), "/metrics").body())
                    .contains("prices_dead_letters_truncated_total{cause=\"REFUSED_BY_BROKER\"} 1.0");
        }
    }

    @Test
    void shouldTurnNotReadyWhileAStreamThreadKeepsFailingAndReadyAgainOnceItCommits() throws Exception {
        ProcessorConfig config = config("stuck", 1, Map.of("PROCESSOR_SESSION_TIMEOUT", "6s"));
        ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, "stuck-dlq");

        try (PriceProcessor processor = new PriceProcessor(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
             KafkaProducer<byte[], byte[]> producer = producer();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            processor.start();
            await().atMost(PATIENCE).until(() -> get(processor.opsPort(), "/health/ready").statusCode() == 200);
            // A dead-letter topic that refuses even a reference to a record (but not the transaction markers, ~80 bytes):
            // every attempt fails the thread.
            setMaxMessageBytes(admin, dlq, "200");
            String ticks = config.topology().topics().priceTicks();
            producer.send(new ProducerRecord<>(ticks, "AAPL".getBytes(UTF_8), "{not json".getBytes(UTF_8))).get();
            producer.send(new ProducerRecord<>(ticks, "AAPL".getBytes(UTF_8), aTick().symbol("AAPL").at(Instant.now()).bytes())).get();

            await().atMost(Duration.ofMinutes(3)).dontCatchUncaughtExceptions().untilAsserted(() -> {
                HttpResponse<String> ready = get(processor.opsPort(), "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("stream threads failed", "times in a row without committing", "RecordTooLargeException");
            });

            setMaxMessageBytes(admin, dlq, "1048588");
            await().atMost(Duration.ofMinutes(3)).dontCatchUncaughtExceptions()
                    .until(() -> get(processor.opsPort(), "/health/ready").statusCode() == 200);
            assertThat(readCommitted(kafka.bootstrapServers(), Topics.priceHistory("stuck-history"), 1))
                    .extracting(ConsumerRecord::key).containsExactly("AAPL");
        }
    }

    @Test
    void shouldWriteTicksFarAheadAndLongAgoThoughTheBrokerRefusesSuchRecordTimestamps() throws Exception {
        ProcessorConfig config = config("timestamps", 3, Map.of("MAX_FUTURE_SKEW", "1d"));
        SymbolPartitions partitions = new SymbolPartitions(3);
        Instant now = Instant.now();

        try (PriceProcessor processor = new PriceProcessor(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
             KafkaProducer<byte[], byte[]> producer = producer()) {
            processor.start();
            String ticks = config.topology().topics().priceTicks();
            // Ahead by 2 h, read from a partition other than its symbol's: it crosses the ticks-by-symbol topic too.
            producer.send(new ProducerRecord<>(ticks, (partitions.of("AHEAD") + 1) % 3, null,
                    aTick().symbol("AHEAD").price("2.00").at(now.plus(Duration.ofHours(2))).bytes())).get();
            producer.send(new ProducerRecord<>(ticks, partitions.of("OLD"), null,
                    aTick().symbol("OLD").price("3.00").at(now.minus(Duration.ofDays(30))).bytes())).get();
            producer.send(new ProducerRecord<>(ticks, partitions.of("NEXT"), null,
                    aTick().symbol("NEXT").price("4.00").at(now).bytes())).get();

            assertThat(readCommitted(kafka.bootstrapServers(), Topics.priceHistory("timestamps-history"), 3))
                    .extracting(ConsumerRecord::key).containsExactlyInAnyOrder("AHEAD", "OLD", "NEXT");
            Map<String, MasterRecord> masters = latestByKey(
                    readCommitted(kafka.bootstrapServers(), Topics.realtimeSymbols("timestamps-masters"), 3));
            assertThat(masters.get("AHEAD").price()).isEqualByComparingTo("2.00");
            assertThat(masters.get("OLD").price()).isEqualByComparingTo("3.00");
            assertThat(masters.get("NEXT").price()).isEqualByComparingTo("4.00");
        }
    }

    private static void setMaxMessageBytes(Admin admin, ConfigResource topic, String bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET)))).all().get();
    }

    private static ProcessorConfig config(String name, int partitions, Map<String, String> settings) {
        return ownProcessor(kafka.bootstrapServers(), dir, name, partitions, settings);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * BROKER_LIMIT),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
