package com.pricefeed.processor;

import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;
import com.pricefeed.platform.config.Env;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.pricefeed.processor.ProcessorTestSupport.latestByKey;
import static com.pricefeed.processor.ProcessorTestSupport.readCommitted;
import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input record, whatever its timestamp, stops a partition: each test sends poison and then a valid tick that must
 * come out the other side. The broker refuses record timestamps more than a minute from its clock either way.
 */
class NoRecordStopsTheLineIT {

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, Map.of(
                "log.message.timestamp.after.max.ms", "60000",
                "log.message.timestamp.before.max.ms", "60000"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
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

            assertThat(readCommitted(broker.bootstrapServers(), Topics.priceHistory("timestamps-history"), 3))
                    .extracting(ConsumerRecord::key).containsExactlyInAnyOrder("AHEAD", "OLD", "NEXT");
            Map<String, MasterRecord> masters = latestByKey(
                    readCommitted(broker.bootstrapServers(), Topics.realtimeSymbols("timestamps-masters"), 3));
            assertThat(masters.get("AHEAD").price()).isEqualByComparingTo("2.00");
            assertThat(masters.get("OLD").price()).isEqualByComparingTo("3.00");
            assertThat(masters.get("NEXT").price()).isEqualByComparingTo("4.00");
        }
    }

    private static ProcessorConfig config(String name, int partitions, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "PROCESSOR_APPLICATION_ID", name,
                "PROCESSOR_STATE_DIR", dir.resolve("state-" + name).toString(),
                "PROCESSOR_OPS_PORT", "0",
                "PRICE_TICKS_PARTITIONS", Integer.toString(partitions),
                "TOPIC_PRICE_TICKS", name + "-ticks",
                "TOPIC_PRICE_TICKS_DLQ", name + "-dlq",
                "TOPIC_PRICE_HISTORY", name + "-history",
                "TOPIC_REALTIME_SYMBOLS", name + "-masters"));
        env.putAll(more);
        return ProcessorConfig.from(new Env(env));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
