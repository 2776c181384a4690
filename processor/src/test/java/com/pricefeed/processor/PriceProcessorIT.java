package com.pricefeed.processor;

import com.pricefeed.platform.config.Env;
import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.processor.state.TickSerde;
import com.pricefeed.processor.streams.TopicProvisioner;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.KafkaBrokerExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static com.pricefeed.processor.ProcessorTestSupport.PATIENCE;
import static com.pricefeed.processor.ProcessorTestSupport.count;
import static com.pricefeed.processor.ProcessorTestSupport.get;
import static com.pricefeed.processor.ProcessorTestSupport.header;
import static com.pricefeed.processor.ProcessorTestSupport.latestByKey;
import static com.pricefeed.processor.ProcessorTestSupport.readCommitted;
import static com.pricefeed.processor.ProcessorTestSupport.readToEnd;
import static com.pricefeed.testing.TickBuilder.aTick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The processor service against a real in-JVM Kafka broker: accounting, dead letters, masters, restart. */
class PriceProcessorIT {

    private static final Instant BASE = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    static Path dir;
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void shouldAccountForEveryTickDeadLetterBadOnesAndKeepMastersAcrossARestartWithoutLocalState() throws Exception {
        byte[] appleFirst = aTick().symbol("AAPL").price("100.00").at(BASE.plusSeconds(10)).companyName("Apple Inc.").bytes();
        byte[] notJson = "{\"symbol\":\"AAPL\",".getBytes(UTF_8);
        byte[] appleNewest = aTick().symbol("AAPL").price("101.00").at(BASE.plusSeconds(30)).bytes();
        byte[] appleLate = aTick().symbol("AAPL").price("100.50").at(BASE.plusSeconds(20)).bytes();
        List<byte[][]> firstBatch = List.of(
                keyed("AAPL", appleFirst),
                keyed("AAPL", notJson),                                                         // dead letter, offset 1
                keyed(null, aTick().symbol("MSFT").price("400.00").at(BASE.plusSeconds(10)).bytes()),
                keyed(null, appleFirst),                                                        // duplicate
                keyed("AAPL", aTick().symbol("AAPL").price("-5").at(BASE).bytes()),            // dead letter, offset 4
                keyed("AAPL", appleNewest),
                keyed("AAPL", appleLate),                                                       // late
                keyed("AAPL", appleLate),                                                       // duplicate
                keyed("msft", aTick().symbol(" msft ").provider("Polygon").price("401.00").at(BASE.plusSeconds(40)).bytes()),
                keyed(null, aTick().without("symbol").bytes()),                                 // dead letter, offset 9
                keyed("GOOG", aTick().symbol("GOOG").price("170.00").at(BASE.plusSeconds(5)).bytes()),
                keyed("AAPL", aTick().symbol("AAPL").at(Instant.now().plus(Duration.ofHours(1))).bytes())); // dead letter

        ProcessorConfig config = config(dir.resolve("state-1"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PriceProcessor processor = new PriceProcessor(config, registry)) {
            processor.start();
            produce(config, firstBatch);

            await().atMost(PATIENCE).until(() -> accounted(registry) == firstBatch.size());
            assertThat(count(registry, TickCounters.RECEIVED)).isEqualTo(12);
            assertThat(count(registry, TickCounters.ACCEPTED)).isEqualTo(6);
            assertThat(count(registry, TickCounters.DUPLICATES)).isEqualTo(2);
            assertThat(count(registry, TickCounters.REJECTED)).isEqualTo(4);
            assertThat(count(registry, TickCounters.LATE)).isEqualTo(1);

            List<ConsumerRecord<String, HistoryEvent>> history = readCommitted(kafka.bootstrapServers(), Topics.priceHistory(Topics.PRICE_HISTORY), 6);
            assertThat(history).extracting(r -> r.key() + ":" + ((HistoryRecord) r.value()).tick().price().toPlainString() + ":" + ((HistoryRecord) r.value()).becameCurrent())
                    .containsExactlyInAnyOrder("AAPL:100.0000:true", "MSFT:400.0000:true", "AAPL:101.0000:true",
                            "AAPL:100.5000:false", "MSFT:401.0000:true", "GOOG:170.0000:true");

            List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>(readCommitted(kafka.bootstrapServers(), Topics.priceTicksDlq(Topics.PRICE_TICKS_DLQ), 4));
            deadLetters.sort(Comparator.comparingLong(r -> Long.parseLong(header(r, DeadLetterHeaders.SOURCE_OFFSET))));
            assertThat(deadLetters).extracting(r -> header(r, DeadLetterHeaders.REASON))
                    .containsExactly("NOT_JSON", "PRICE_NOT_POSITIVE", "MISSING_FIELD", "TIMESTAMP_IN_FUTURE");
            assertThat(deadLetters).extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET)).containsExactly("1", "4", "9", "11");
            ConsumerRecord<byte[], byte[]> poison = deadLetters.get(0);
            assertThat(poison.key()).isEqualTo("AAPL".getBytes(UTF_8));
            assertThat(poison.value()).isEqualTo(notJson);
            assertThat(header(poison, DeadLetterHeaders.MESSAGE)).startsWith("the value is not valid JSON");
            assertThat(header(poison, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.PRICE_TICKS);
            assertThat(header(poison, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");

            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, MasterRecord> masters = publishedMasters();
                assertThat(masters.get("AAPL").price()).isEqualByComparingTo("101.00");
                assertThat(masters.get("AAPL").companyName()).isEqualTo("Apple Inc.");
                assertThat(masters.get("MSFT").price()).isEqualByComparingTo("401.00");
                assertThat(masters.get("MSFT").provider()).isEqualTo("polygon");
                assertThat(masters.get("GOOG").price()).isEqualByComparingTo("170.00");
            });

            assertThat(processor.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
            assertThat(get(processor.opsPort(), "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(processor.opsPort(), "/metrics").body())
                    .contains("prices_ticks_received_total 12.0")
                    .contains("prices_ticks_rejected_total{reason=\"NOT_JSON\"} 1.0");
        }

        // A new instance with an empty state directory must restore master-store and dedup-store from the changelogs.
        List<byte[][]> secondBatch = List.of(
                keyed("AAPL", aTick().symbol("AAPL").price("100.75").at(BASE.plusSeconds(25)).bytes()), // late
                keyed("AAPL", appleLate),                                                                // duplicate (dedup-store)
                keyed("AAPL", appleNewest),                                                              // duplicate (master-store)
                keyed("GOOG", aTick().symbol("GOOG").price("171.00").at(BASE.plusSeconds(50)).bytes()));
        ProcessorConfig restarted = config(dir.resolve("state-2"));
        PrometheusMeterRegistry registry2 = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PriceProcessor processor = new PriceProcessor(restarted, registry2)) {
            processor.start();
            produce(restarted, secondBatch);

            await().atMost(PATIENCE).until(() -> accounted(registry2) == secondBatch.size());
            assertThat(count(registry2, TickCounters.ACCEPTED)).isEqualTo(2);
            assertThat(count(registry2, TickCounters.DUPLICATES)).isEqualTo(2);
            assertThat(count(registry2, TickCounters.LATE)).isEqualTo(1);

            assertThat(readCommitted(kafka.bootstrapServers(), Topics.priceHistory(Topics.PRICE_HISTORY), 8)).hasSize(8);
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, MasterRecord> masters = publishedMasters();
                assertThat(masters.get("AAPL").price()).isEqualByComparingTo("101.00");
                assertThat(masters.get("GOOG").price()).isEqualByComparingTo("171.00");
            });
        }
    }

    @Test
    void shouldRepartitionOnlyTicksReadOutsideTheirSymbolsPartition() throws Exception {
        ProcessorConfig config = ProcessorConfig.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PROCESSOR_APPLICATION_ID", "routing",
                "PROCESSOR_STATE_DIR", dir.resolve("state-routing").toString(),
                "PROCESSOR_OPS_PORT", "0",
                "PRICE_TICKS_PARTITIONS", "3",
                "TOPIC_PRICE_TICKS", "routing-ticks",
                "TOPIC_PRICE_TICKS_DLQ", "routing-dlq",
                "TOPIC_PRICE_HISTORY", "routing-history",
                "TOPIC_REALTIME_SYMBOLS", "routing-masters")));
        SymbolPartitions partitions = new SymbolPartitions(3);
        List<String> symbols = IntStream.range(0, 30).mapToObj(i -> "SYM" + i).toList();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());

        try (PriceProcessor processor = new PriceProcessor(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            processor.start();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (String symbol : symbols) {
                    byte[] current = aTick().symbol(symbol).price("20.00").at(BASE.plusSeconds(20)).bytes();
                    byte[] late = aTick().symbol(symbol).price("10.00").at(BASE.plusSeconds(10)).bytes();
                    producer.send(new ProducerRecord<>("routing-ticks", symbol.getBytes(UTF_8), current));
                    producer.send(new ProducerRecord<>("routing-ticks", (partitions.of(symbol) + 1) % 3, null, late));
                }
            }

            assertThat(readCommitted(kafka.bootstrapServers(), Topics.priceHistory("routing-history"), 60))
                    .extracting(r -> r.key() + ":" + ((HistoryRecord) r.value()).tick().price().toPlainString())
                    .hasSize(60).doesNotHaveDuplicates();
            List<ConsumerRecord<String, PriceTick>> crossed = readCommitted(kafka.bootstrapServers(),
                    new Topic<>(TopicProvisioner.symbolTopic(config), Serdes.String(), TickSerde.instance()), 30);
            assertThat(crossed).allSatisfy(record -> {
                assertThat(record.value().price()).isEqualByComparingTo("10.00");
                assertThat(record.partition()).isEqualTo(partitions.of(record.key()));
            });
            assertThat(crossed).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(symbols);
            Map<String, MasterRecord> masters = latestByKey(readToEnd(kafka.bootstrapServers(), Topics.realtimeSymbols("routing-masters")));
            assertThat(masters).hasSize(30).allSatisfy((symbol, master) -> assertThat(master.price()).isEqualByComparingTo("20.00"));
        }
    }

    @Test
    void shouldCreateHistoryStampedOnAppendAndTheMasterTopicCompacted() throws Exception {
        TopicProvisioner.ensureTopics(config(dir.resolve("state-topics")));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource history = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRICE_HISTORY);
            ConfigResource masters = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REALTIME_SYMBOLS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(history, masters)).all().get();
            assertThat(configs.get(history).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).isEqualTo("LogAppendTime");
            assertThat(configs.get(masters).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static ProcessorConfig config(Path stateDir) {
        return ProcessorConfig.from(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PROCESSOR_STATE_DIR", stateDir.toString(),
                "PROCESSOR_OPS_PORT", "0",
                "PRICE_TICKS_PARTITIONS", "3")));
    }

    private static byte[][] keyed(String key, byte[] value) {
        return new byte[][]{key == null ? null : key.getBytes(UTF_8), value};
    }

    /** Everything to partition 0, so the arrival order is exactly the order of the list. */
    private static void produce(ProcessorConfig config, List<byte[][]> records) throws ExecutionException, InterruptedException {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] record : records) {
                producer.send(new ProducerRecord<>(config.topology().topics().priceTicks(), 0, record[0], record[1])).get();
            }
        }
    }

    private static double accounted(PrometheusMeterRegistry registry) {
        double received = count(registry, TickCounters.RECEIVED);
        double outcomes = count(registry, TickCounters.ACCEPTED) + count(registry, TickCounters.DUPLICATES)
                + count(registry, TickCounters.REJECTED) + count(registry, TickCounters.DELISTED)
                + count(registry, TickCounters.LIFECYCLE_LATE);
        return received == outcomes ? received : -1;
    }

    /** The newest master per symbol on realtime-symbols: the topic is conflated per commit, so counts of records vary. */
    private static Map<String, MasterRecord> publishedMasters() {
        return latestByKey(readToEnd(kafka.bootstrapServers(), Topics.realtimeSymbols(Topics.REALTIME_SYMBOLS)));
    }
}
