package com.pricefeed.processor;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import com.pricefeed.processor.streams.StreamsProperties;
import com.pricefeed.processor.streams.SymbolPartitioning;
import com.pricefeed.processor.streams.TopicProvisioner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the processor service is configured with, read once from the environment in {@link Main} through the
 * declarations of {@link ProcessorSettings}.
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
 * @param partitioner        how publishers partition ticks by symbol ({@code PRICE_TICKS_PARTITIONER}), or
 *                           {@code null} to keep what the deployment was created with ({@link SymbolPartitioning})
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
        String opsHost,
        SymbolPartitioner partitioner) {

    private static final long MIB = 1024 * 1024;

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
        String applicationId = ProcessorSettings.APPLICATION_ID.read(env);
        TopicNames topics = new TopicNames(
                SharedSettings.TOPIC_PRICE_TICKS.read(env),
                SharedSettings.TOPIC_PRICE_TICKS_DLQ.read(env),
                SharedSettings.TOPIC_PRICE_HISTORY.read(env),
                SharedSettings.TOPIC_REALTIME_SYMBOLS.read(env));
        requireDistinct(topics);
        int partitions = ProcessorSettings.PARTITIONS.read(env);
        TopologySettings topology = new TopologySettings(topics, ProcessorSettings.MAX_FUTURE_SKEW.read(env),
                ProcessorSettings.DEDUP_WINDOW.read(env), new SymbolPartitions(partitions))
                .withHistoryRetention(SharedSettings.HISTORY_RETENTION.read(env));
        return new ProcessorConfig(
                KafkaConnection.from(env),
                applicationId,
                stateDir(env, applicationId),
                topology,
                partitions,
                ProcessorSettings.REPLICATION_FACTOR.read(env).shortValue(),
                ProcessorSettings.THREADS.read(env),
                ProcessorSettings.COMMIT_INTERVAL.read(env),
                ProcessorSettings.STANDBY_REPLICAS.read(env),
                ProcessorSettings.OPS_PORT.read(env),
                ProcessorSettings.SESSION_TIMEOUT.read(env),
                ProcessorSettings.ROCKSDB_MEMORY_MB.read(env) * MIB,
                ProcessorSettings.OPS_HOST.read(env),
                SharedSettings.partitioner(env));
    }

    /** The configuration for a processor against {@code bootstrapServers} with every other value at its default. */
    public static ProcessorConfig defaults(String bootstrapServers) {
        return from(new Env(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)));
    }

    public ProcessorConfig withStateDir(Path dir) {
        return new ProcessorConfig(kafka, applicationId, dir, topology, topicPartitions, replicationFactor, threads,
                commitInterval, standbyReplicas, opsPort, sessionTimeout, rocksDbMemoryBytes, opsHost, partitioner);
    }

    /** This configuration with what the cluster dictates to the topology (see {@link TopicProvisioner#ensureTopics}). */
    public ProcessorConfig withTopology(TopologySettings settings) {
        return new ProcessorConfig(kafka, applicationId, stateDir, settings, topicPartitions,
                replicationFactor, threads, commitInterval, standbyReplicas, opsPort, sessionTimeout, rocksDbMemoryBytes, opsHost, partitioner);
    }

    public ProcessorConfig withOpsPort(int port) {
        return new ProcessorConfig(kafka, applicationId, stateDir, topology, topicPartitions, replicationFactor, threads,
                commitInterval, standbyReplicas, port, sessionTimeout, rocksDbMemoryBytes, opsHost, partitioner);
    }

    private static void requireDistinct(TopicNames topics) {
        Map<String, String> seen = new HashMap<>();
        Map<String, String> byVariable = Map.of(
                SharedSettings.TOPIC_PRICE_TICKS.name(), topics.priceTicks(),
                SharedSettings.TOPIC_PRICE_TICKS_DLQ.name(), topics.deadLetters(),
                SharedSettings.TOPIC_PRICE_HISTORY.name(), topics.priceHistory(),
                SharedSettings.TOPIC_REALTIME_SYMBOLS.name(), topics.realtimeSymbols());
        byVariable.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String other = seen.putIfAbsent(entry.getValue(), entry.getKey());
            if (other != null) {
                throw new ConfigException(other + " and " + entry.getKey() + " must name different topics, both are \""
                        + entry.getValue() + "\"");
            }
        });
    }

    private static Path stateDir(Env env, String applicationId) {
        String dir = ProcessorSettings.STATE_DIR.read(env);
        if (dir == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), applicationId);
        }
        try {
            return Path.of(dir).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(ProcessorSettings.STATE_DIR.name() + " must be a directory path, got \"" + dir + "\": " + e.getReason());
        }
    }
}
