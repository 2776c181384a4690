package com.pricefeed.processor;

import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.streams.TopicProvisioner;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.KafkaBrokerExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.pricefeed.processor.ProcessorTestSupport.PATIENCE;
import static com.pricefeed.processor.ProcessorTestSupport.count;
import static com.pricefeed.processor.ProcessorTestSupport.latestByKey;
import static com.pricefeed.processor.ProcessorTestSupport.readCommitted;
import static com.pricefeed.processor.ProcessorTestSupport.readToEnd;
import static com.pricefeed.testing.DelistingBuilder.aDelisting;
import static com.pricefeed.testing.TickBuilder.aTick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delisting through the real processor on a real broker, where {@code realtime-symbols} is conflated per commit (a
 * {@code TopologyTestDriver} commits after every record, so it cannot show this): a tombstone gets through to the
 * compacted topic, and a delisting and a relisting that reach the conflating table together end with the master.
 */
class DelistingIT {

    private static final Instant BASE = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void shouldPublishTheTombstoneOfADelistingAndTheMasterOfARelistingInTheSameCommitInterval() throws Exception {
        // A long interval, and every record on the topic before the processor starts: its first poll takes them all,
        // and they are processed and committed together.
        ProcessorConfig config = ProcessorTestSupport.ownProcessor(kafka.bootstrapServers(), dir, "delisting", 1,
                Map.of("PROCESSOR_COMMIT_INTERVAL", "5s"));
        TopicProvisioner.ensureTopics(config);
        produce(config.topology().topics().priceTicks(), List.of(
                aTick().symbol("GONE").price("10.00").at(BASE).bytes(),
                aTick().symbol("BACK").price("20.00").at(BASE).bytes(),
                aDelisting().symbol("GONE").at(BASE.plusSeconds(10)).bytes(),
                aDelisting().symbol("BACK").at(BASE.plusSeconds(10)).bytes(),
                aTick().symbol("BACK").price("21.00").at(BASE.plusSeconds(20)).bytes()));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PriceProcessor processor = new PriceProcessor(config, registry)) {
            processor.start();

            List<ConsumerRecord<String, HistoryEvent>> history = readCommitted(kafka.bootstrapServers(),
                    Topics.priceHistory(config.topology().topics().priceHistory()), 5);
            assertThat(history).extracting(ConsumerRecord::value).filteredOn(SymbolDelisting.class::isInstance)
                    .extracting(HistoryEvent::symbol).containsExactlyInAnyOrder("GONE", "BACK");
            assertThat(history).extracting(ConsumerRecord::value).filteredOn(HistoryRecord.class::isInstance)
                    .map(HistoryRecord.class::cast).filteredOn(r -> r.tick().price().compareTo(new java.math.BigDecimal("21")) == 0)
                    .singleElement().satisfies(r -> assertThat(r.delistedAt()).isNull());

            // realtime-symbols follows a commit later: its conflating table is fed through the latest-master repartition topic.
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, MasterRecord> last = latestByKey(readToEnd(kafka.bootstrapServers(),
                        Topics.realtimeSymbols(config.topology().topics().realtimeSymbols())));
                assertThat(last).containsOnlyKeys("GONE", "BACK");
                assertThat(last.get("GONE")).as("a tombstone").isNull();
                assertThat(last.get("BACK").price()).isEqualByComparingTo("21.00");
            });
            assertThat(count(registry, TickCounters.DELISTED)).isEqualTo(2.0);
            assertThat(count(registry, TickCounters.RELISTED)).isEqualTo(1.0);
        }
    }

    private static void produce(String topic, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, 0, "key".getBytes(UTF_8), value)).get();
            }
        }
    }
}
