package com.pricefeed.processor.streams;

import com.pricefeed.processor.PriceTopology;
import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.processor.TopicNames;
import com.pricefeed.processor.master.DedupChangelog;
import com.pricefeed.processor.routing.SymbolPartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the four topics the processor owns when they are missing; an existing topic is left as it is, except that
 * the duplicate store's changelog follows {@code DEDUP_WINDOW} ({@link DedupChangelog}). Idempotent, so every instance
 * may run it at start.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

    private TopicProvisioner() {
    }

    public static List<NewTopic> topicsFor(ProcessorConfig config) {
        TopicNames names = config.topology().topics();
        int partitions = config.topicPartitions();
        short replication = config.replicationFactor();
        return List.of(
                new NewTopic(names.priceTicks(), partitions, replication),
                new NewTopic(names.deadLetters(), partitions, replication),
                // Records carry the tick's event time; stamping them on append keeps a backfill of ticks older
                // than retention.ms from being deleted before the sink has read it.
                new NewTopic(names.priceHistory(), partitions, replication)
                        .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")),
                new NewTopic(names.realtimeSymbols(), partitions, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /**
     * Creates the missing topics and returns {@code config} with what the cluster dictates to the topology: the split
     * of the per-symbol state, the partitions of the {@code ticks-by-symbol} topic when it exists, else those of
     * {@code price-ticks} (so that ticks keyed by symbol need no repartitioning; see
     * {@link com.pricefeed.processor.routing.SymbolPartitions}); and the largest dead letter, the smaller of the
     * dead-letter topic's {@code max.message.bytes} and the producer's {@code max.request.size}.
     */
    public static ProcessorConfig ensureTopics(ProcessorConfig config) {
        Map<String, Object> adminConfig = config.kafka().admin(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-topic-provisioner",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        TopicNames names = config.topology().topics();
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topicsFor(config)).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                await(result.getKey(), result.getValue(), config);
            }
            String dedupChangelog = DedupChangelog.topic(config.applicationId());
            Map<String, Config> configs = topicConfigs(admin, List.of(names.realtimeSymbols(), names.deadLetters(), dedupChangelog));
            warnUnlessCompacted(names.realtimeSymbols(), configs.get(names.realtimeSymbols()));
            alignDedupChangelog(admin, dedupChangelog, configs.get(dedupChangelog), new DedupChangelog(config.topology().dedupWindow()));
            return config.withTopology(config.topology()
                    .withSymbolPartitions(new SymbolPartitions(symbolPartitions(admin, config),
                            SymbolPartitioning.resolve(admin, config)))
                    .withDeadLetterMaxBytes(deadLetterMaxBytes(names.deadLetters(), configs.get(names.deadLetters()))));
        }
    }

    /** The name Kafka Streams gives the {@code ticks-by-symbol} topic. */
    public static String symbolTopic(ProcessorConfig config) {
        return config.applicationId() + "-" + PriceTopology.REPARTITION + "-repartition";
    }

    private static int symbolPartitions(Admin admin, ProcessorConfig config) {
        String symbolTopic = symbolTopic(config);
        String ticks = config.topology().topics().priceTicks();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(List.of(symbolTopic, ticks)).topicNameValues();
        try {
            TopicDescription existing = described.get(symbolTopic).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return existing.partitions().size();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("Cannot describe topic " + symbolTopic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe topic " + symbolTopic + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + symbolTopic, e);
        }
        return describeCreated(admin, ticks, described.get(ticks)).partitions().size();
    }

    /*
     * A topic created a moment ago may not have reached the metadata of the broker answering yet: described as
     * unknown, it is described again until it appears or the timeout passes.
     */
    private static TopicDescription describeCreated(Admin admin, String topic, KafkaFuture<TopicDescription> first) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        KafkaFuture<TopicDescription> description = first;
        try {
            while (true) {
                try {
                    return description.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("Cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
                    }
                }
                Thread.sleep(METADATA_RETRY.toMillis());
                description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe topic " + topic + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + topic, e);
        }
    }

    private static void await(String topic, KafkaFuture<Void> creation, ProcessorConfig config) {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {} ({} partitions, replication factor {})", topic, config.topicPartitions(),
                    config.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + " on " + config.kafka().bootstrapServers()
                        + ": " + e.getCause().getMessage() + " (check PRICE_TICKS_PARTITIONS and TOPIC_REPLICATION_FACTOR "
                        + "against the cluster, and the client's permissions)", e.getCause());
            }
            log.debug("Topic {} exists", topic);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.kafka().bootstrapServers() + " did not answer within "
                    + TIMEOUT.toSeconds() + "s while creating topic " + topic + "; check KAFKA_BOOTSTRAP_SERVERS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    /** The configurations of those of {@code topics} that exist; one that cannot be read is left out, with a warning. */
    private static Map<String, Config> topicConfigs(Admin admin, List<String> topics) {
        List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, KafkaFuture<Config>> described = admin.describeConfigs(resources).values();
        Map<String, Config> configs = new HashMap<>();
        for (ConfigResource resource : resources) {
            try {
                configs.put(resource.name(), described.get(resource).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    log.warn("Cannot read the configuration of topic {}: {}", resource.name(), e.getCause().toString());
                }
            } catch (TimeoutException e) {
                log.warn("Kafka did not describe topic {} within {}", resource.name(), TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while describing topic " + resource.name(), e);
            }
        }
        return configs;
    }

    private static void warnUnlessCompacted(String topic, Config config) {
        String policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (policy != null && !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            log.warn("Topic {} has cleanup.policy={}; it should be compact, or consumers that read it from the "
                    + "start will find every old master record", topic, policy);
        }
    }

    /**
     * Kafka Streams creates the changelog when it first starts and never changes it after; a {@code DEDUP_WINDOW}
     * changed since must change its retention too, or a longer window would lose identities on restore.
     */
    private static void alignDedupChangelog(Admin admin, String topic, Config current, DedupChangelog wanted) {
        if (current == null) {
            return;
        }
        List<AlterConfigOp> changes = wanted.topicConfig().entrySet().stream()
                .filter(setting -> current.get(setting.getKey()) == null
                        || !setting.getValue().equals(current.get(setting.getKey()).value()))
                .map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        if (changes.isEmpty()) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Topic {} now keeps the duplicate window's identities {} (segments of {})", topic,
                    wanted.retention(), wanted.segment());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot set the retention of topic " + topic + " to DEDUP_WINDOW plus "
                    + DedupChangelog.RETENTION_MARGIN + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while changing topic " + topic, e);
        }
    }

    private static long deadLetterMaxBytes(String topic, Config config) {
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (entry == null || entry.value() == null) {
            log.warn("Cannot read max.message.bytes of topic {}; dead letters are kept under {} bytes", topic,
                    StreamsProperties.MAX_REQUEST_BYTES);
            return StreamsProperties.MAX_REQUEST_BYTES;
        }
        return Math.min(Long.parseLong(entry.value()), StreamsProperties.MAX_REQUEST_BYTES);
    }
}
