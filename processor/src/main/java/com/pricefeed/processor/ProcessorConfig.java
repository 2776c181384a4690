package com.pricefeed.processor;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.platform.config.TopicName;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.processor.streams.StreamsProperties;
import com.pricefeed.processor.streams.TopicProvisioner;
import com.pricefeed.schemas.topic.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the processor service is configured with, read once from the environment in {@link Main}.
 *
 * @param kafka              how to reach Kafka ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param applicationId      the Kafka Streams application id: consumer group, transactional id and internal topic
 *                           prefix ({@code PROCESSOR_APPLICATION_ID})
 * @param stateDir           where the local state stores live ({@code PROCESSOR_STATE_DIR})
 * @param topology           topic names, future skew, duplicate window, and the split of per-symbol state (until
 *                           {@link PriceProcessor} reads it from the cluster: {@code PRICE_TICKS_PARTITIONS})
 * @param topicPartitions    partitions of the topics the processor creates ({@code PRICE_TICKS_PARTITIONS})
 * @param replicationFactor  replication of created and internal topics ({@code TOPIC_REPLICATION_FACTOR})
 * @param threads            stream threads ({@code PROCESSOR_THREADS})
 * @param commitInterval     how often a transaction commits ({@code PROCESSOR_COMMIT_INTERVAL}); at most the
 *                           transaction timeout, which Kafka Streams checks under exactly-once
 *                           ({@link StreamsProperties#TRANSACTION_TIMEOUT})
 * @param standbyReplicas    warm copies of each store on other instances ({@code PROCESSOR_STANDBY_REPLICAS})
 * @param opsPort            the health and metrics port, 0 for any free one ({@code PROCESSOR_OPS_PORT})
 * @param sessionTimeout     how long the group waits for a silent instance (one killed with -9) before moving its
 *                           tasks to the others ({@code PROCESSOR_SESSION_TIMEOUT}; the broker allows 6 s to 30 min)
 * @param rocksDbMemoryBytes the off-heap memory all RocksDB stores of the instance share ({@code PROCESSOR_ROCKSDB_MEMORY_MB})
 * @param opsHost            the interface the ops port binds to ({@code PROCESSOR_OPS_HOST})
 */
public record ProcessorConfig(
        KafkaConnection kafka,
        String applicationId,
        Path stateDir,
        TopologySettings topology,
        int topicPartitions,
        short replicationFactor,
        int threads,
        Duration commitInterval,
        int standbyReplicas,
        int opsPort,
        Duration sessionTimeout,
        long rocksDbMemoryBytes,
        String opsHost) {

    public static final String DEFAULT_APPLICATION_ID = "price-processor";
    public static final int DEFAULT_PARTITIONS = 6;
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(30);
    public static final int DEFAULT_OPS_PORT = 8081;
    /** Kafka's own default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    public static final int DEFAULT_ROCKSDB_MEMORY_MB = 64;
    private static final long MIB = 1024 * 1024;

    /** Legal characters of a Kafka topic name; the application id prefixes internal topic names, so it obeys them too. */
    private static final Pattern KAFKA_NAME = Pattern.compile("^[a-zA-Z0-9._-]{1,200}$");
    private static final String KAFKA_NAME_EXPECTED = "1 to 200 of the characters a-z A-Z 0-9 . _ -";

    public ProcessorConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(opsHost, "opsHost");
    }

    public static ProcessorConfig from(Env env) {
        String applicationId = env.string("PROCESSOR_APPLICATION_ID", DEFAULT_APPLICATION_ID, KAFKA_NAME, KAFKA_NAME_EXPECTED);
        TopicNames topics = new TopicNames(
                topic(env, "TOPIC_PRICE_TICKS", Topics.PRICE_TICKS),
                topic(env, "TOPIC_PRICE_TICKS_DLQ", Topics.PRICE_TICKS_DLQ),
                topic(env, "TOPIC_PRICE_HISTORY", Topics.PRICE_HISTORY),
                topic(env, "TOPIC_REALTIME_SYMBOLS", Topics.REALTIME_SYMBOLS));
        requireDistinct(topics);
        int partitions = env.integer("PRICE_TICKS_PARTITIONS", DEFAULT_PARTITIONS, 1, 10_000);
        TopologySettings topology = new TopologySettings(topics,
                env.duration("MAX_FUTURE_SKEW", TopologySettings.DEFAULT_MAX_FUTURE_SKEW, Duration.ZERO, Duration.ofDays(1)),
                env.duration("DEDUP_WINDOW", TopologySettings.DEFAULT_DEDUP_WINDOW, Duration.ofSeconds(1), Duration.ofDays(7)),
                new SymbolPartitions(partitions));
        return new ProcessorConfig(
                KafkaConnection.from(env),
                applicationId,
                stateDir(env, applicationId),
                topology,
                partitions,
                (short) env.integer("TOPIC_REPLICATION_FACTOR", 1, 1, Short.MAX_VALUE),
                env.integer("PROCESSOR_THREADS", 1, 1, 64),
                env.duration("PROCESSOR_COMMIT_INTERVAL", DEFAULT_COMMIT_INTERVAL, Duration.ofMillis(10),
                        StreamsProperties.TRANSACTION_TIMEOUT),
                env.integer("PROCESSOR_STANDBY_REPLICAS", 0, 0, 10),
                env.integer("PROCESSOR_OPS_PORT", DEFAULT_OPS_PORT, 0, 65_535),
                env.duration("PROCESSOR_SESSION_TIMEOUT", DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(6), Duration.ofMinutes(30)),
                env.integer("PROCESSOR_ROCKSDB_MEMORY_MB", DEFAULT_ROCKSDB_MEMORY_MB, 8, 1_048_576) * MIB,
                OpsServer.host(env, "PROCESSOR_OPS_HOST"));
    }

    /** The configuration for a processor against {@code bootstrapServers} with every other value at its default. */
    public static ProcessorConfig defaults(String bootstrapServers) {
        return from(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)));
    }

    public ProcessorConfig withStateDir(Path dir) {
        return new ProcessorConfig(kafka, applicationId, dir, topology, topicPartitions, replicationFactor, threads,
                commitInterval, standbyReplicas, opsPort, sessionTimeout, rocksDbMemoryBytes, opsHost);
    }

    /** This configuration with what the cluster dictates to the topology (see {@link TopicProvisioner#ensureTopics}). */
    public ProcessorConfig withTopology(TopologySettings settings) {
        return new ProcessorConfig(kafka, applicationId, stateDir, settings, topicPartitions,
                replicationFactor, threads, commitInterval, standbyReplicas, opsPort, sessionTimeout, rocksDbMemoryBytes, opsHost);
    }

    public ProcessorConfig withOpsPort(int port) {
        return new ProcessorConfig(kafka, applicationId, stateDir, topology, topicPartitions, replicationFactor, threads,
                commitInterval, standbyReplicas, port, sessionTimeout, rocksDbMemoryBytes, opsHost);
    }

    private static String topic(Env env, String variable, String defaultName) {
        return TopicName.from(env, variable, defaultName);
    }

    private static void requireDistinct(TopicNames topics) {
        Map<String, String> seen = new HashMap<>();
        Map<String, String> byVariable = Map.of(
                "TOPIC_PRICE_TICKS", topics.priceTicks(),
                "TOPIC_PRICE_TICKS_DLQ", topics.deadLetters(),
                "TOPIC_PRICE_HISTORY", topics.priceHistory(),
                "TOPIC_REALTIME_SYMBOLS", topics.realtimeSymbols());
        byVariable.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String other = seen.putIfAbsent(entry.getValue(), entry.getKey());
            if (other != null) {
                throw new ConfigException(other + " and " + entry.getKey() + " must name different topics, both are \""
                        + entry.getValue() + "\"");
            }
        });
    }

    private static Path stateDir(Env env, String applicationId) {
        String dir = env.string("PROCESSOR_STATE_DIR", null);
        if (dir == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), applicationId);
        }
        try {
            return Path.of(dir).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("PROCESSOR_STATE_DIR must be a directory path, got \"" + dir + "\": " + e.getReason());
        }
    }
}
