package com.pricefeed.processor.streams;

import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.processor.master.MasterUpdate;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which {@link SymbolPartitioner} a deployment's per-symbol state follows. It is chosen when the deployment is created
 * and can never change: a symbol's master lives in one partition's store, and a second partitioner would give the
 * symbol a second, empty master elsewhere. The choice is recorded as an empty topic named for it,
 * {@code <application id>-symbol-partitioner-<code>}, so that every instance, and every later version, reads it from
 * the cluster. A deployment from before this record has {@code murmur2} state when its master store's changelog holds
 * anything.
 */
public final class SymbolPartitioning {

    private static final Logger log = LoggerFactory.getLogger(SymbolPartitioning.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SymbolPartitioner FOR_NEW_DEPLOYMENTS = SymbolPartitioner.MURMUR2;

    private SymbolPartitioning() {
    }

    public static String markerTopic(String applicationId, SymbolPartitioner partitioner) {
        return applicationId + "-symbol-partitioner-" + partitioner.code();
    }

    /**
     * The partitioner the deployment follows: the recorded one, else the asked one (recorded now).
     *
     * @throws IllegalStateException when {@link ProcessorConfig#partitioner()} asks for another than the recorded one
     */
    public static SymbolPartitioner resolve(Admin admin, ProcessorConfig config) {
        Optional<SymbolPartitioner> marked = marked(admin, config);
        Optional<SymbolPartitioner> built = marked.isPresent() || !holdsState(admin, config)
                ? marked : Optional.of(SymbolPartitioner.MURMUR2);
        SymbolPartitioner asked = config.partitioner();
        if (built.isPresent() && asked != null && asked != built.get()) {
            throw new IllegalStateException("PRICE_TICKS_PARTITIONER is " + asked.code() + " but the state of "
                    + config.applicationId() + " was built for " + built.get().code() + " publishers; unset it or "
                    + "set it to " + built.get().code() + " (changing it needs a new PROCESSOR_APPLICATION_ID)");
        }
        SymbolPartitioner chosen = built.orElse(asked == null ? FOR_NEW_DEPLOYMENTS : asked);
        if (marked.isEmpty()) {
            record(admin, config, chosen);
        }
        return chosen;
    }

    private static Optional<SymbolPartitioner> marked(Admin admin, ProcessorConfig config) {
        Map<SymbolPartitioner, String> markers = Arrays.stream(SymbolPartitioner.values())
                .collect(Collectors.toMap(Function.identity(), partitioner -> markerTopic(config.applicationId(), partitioner)));
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(markers.values()).topicNameValues();
        List<SymbolPartitioner> found = markers.entrySet().stream()
                .filter(marker -> exists(marker.getValue(), described.get(marker.getValue())))
                .map(Map.Entry::getKey)
                .toList();
        if (found.size() > 1) {
            throw new IllegalStateException("Both " + markers.values() + " exist; the one that does not match the "
                    + "publishers' partitioner must be deleted");
        }
        return found.stream().findFirst();
    }

    private static boolean exists(String topic, KafkaFuture<TopicDescription> description) {
        return answer(description, "describe topic " + topic, UnknownTopicOrPartitionException.class).isPresent();
    }

    /** Whether the master store's changelog, from a version that recorded no partitioner, holds any record. */
    private static boolean holdsState(Admin admin, ProcessorConfig config) {
        String changelog = config.applicationId() + "-" + MasterUpdate.MASTER_STORE + "-changelog";
        Optional<TopicDescription> description = answer(admin.describeTopics(List.of(changelog)).topicNameValues().get(changelog),
                "describe topic " + changelog, UnknownTopicOrPartitionException.class);
        if (description.isEmpty()) {
            return false;
        }
        Map<TopicPartition, OffsetSpec> latest = description.get().partitions().stream()
                .collect(Collectors.toMap(partition -> new TopicPartition(changelog, partition.partition()),
                        partition -> OffsetSpec.latest()));
        return answer(admin.listOffsets(latest).all(), "read the end offsets of " + changelog, null).orElseThrow()
                .values().stream().anyMatch(end -> end.offset() > 0);
    }

    private static void record(Admin admin, ProcessorConfig config, SymbolPartitioner partitioner) {
        String topic = markerTopic(config.applicationId(), partitioner);
        NewTopic marker = new NewTopic(topic, 1, config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        answer(admin.createTopics(List.of(marker)).all(), "create topic " + topic, TopicExistsException.class);
        log.info("Per-symbol state follows {} publishers (recorded as topic {})", partitioner.code(), topic);
    }

    /** The future's value; empty when it failed with {@code expected}; any other failure stops the start. */
    private static <T> Optional<T> answer(KafkaFuture<T> future, String what, Class<? extends Exception> expected) {
        try {
            return Optional.ofNullable(future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (expected != null && expected.isInstance(e.getCause())) {
                return Optional.empty();
            }
            throw new IllegalStateException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not " + what + " within " + TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }
}
