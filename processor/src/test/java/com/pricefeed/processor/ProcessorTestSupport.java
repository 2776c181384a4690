package com.pricefeed.processor;

import com.pricefeed.platform.config.Env;
import com.pricefeed.schemas.topic.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the processor's integration tests observe from outside: topics read committed, headers, counters, ops HTTP.
 * Waiting ignores exceptions thrown in other threads: a stream thread failing (and being replaced) is for the outputs to
 * show.
 */
final class ProcessorTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    private ProcessorTestSupport() {
    }

    /**
     * A processor of its own on a shared broker: its application id, state directory and four topics are named after
     * {@code name}; {@code settings} add to or replace the environment.
     */
    static ProcessorConfig ownProcessor(String bootstrapServers, Path stateRoot, String name, int partitions,
                                        Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "PROCESSOR_APPLICATION_ID", name,
                "PROCESSOR_STATE_DIR", stateRoot.resolve("state-" + name).toString(),
                "PROCESSOR_OPS_PORT", "0",
                "PRICE_TICKS_PARTITIONS", Integer.toString(partitions),
                "TOPIC_PRICE_TICKS", name + "-ticks",
                "TOPIC_PRICE_TICKS_DLQ", name + "-dlq",
                "TOPIC_PRICE_HISTORY", name + "-history",
                "TOPIC_REALTIME_SYMBOLS", name + "-masters"));
        env.putAll(settings);
        return ProcessorConfig.from(new Env(env));
    }

    /** Reads a topic from the start with read_committed until {@code expected} records arrived; asserts no more. */
    static <K, V> List<ConsumerRecord<K, V>> readCommitted(String bootstrapServers, Topic<K, V> topic, int expected) {
        try (KafkaConsumer<K, V> consumer = fromTheStart(bootstrapServers, topic)) {
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            await().atMost(PATIENCE).dontCatchUncaughtExceptions().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            assertThat(records).as("records on %s", topic.name()).hasSize(expected);
            return records;
        }
    }

    /** Reads a topic from the start with read_committed up to its last stable offset. */
    static <K, V> List<ConsumerRecord<K, V>> readToEnd(String bootstrapServers, Topic<K, V> topic) {
        try (KafkaConsumer<K, V> consumer = fromTheStart(bootstrapServers, topic)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            await().atMost(PATIENCE).dontCatchUncaughtExceptions().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            return records;
        }
    }

    static <K, V> Map<K, V> latestByKey(List<ConsumerRecord<K, V>> records) {
        Map<K, V> latest = new HashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    static double count(MeterRegistry registry, String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <K, V> KafkaConsumer<K, V> fromTheStart(String bootstrapServers, Topic<K, V> topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
