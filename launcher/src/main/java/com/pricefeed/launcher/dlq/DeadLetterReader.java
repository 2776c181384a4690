package com.pricefeed.launcher.dlq;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dead-letter topic without a consumer group: it assigns itself every partition and seeks, so it commits
 * nothing and never joins, rebalances or moves any group's position.
 */
final class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private volatile boolean stopped;

    /** @param consumer a consumer with no {@code group.id}; the caller owns it and closes it */
    DeadLetterReader(Consumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * What to read.
     *
     * @param fromBeginning start at the oldest retained record, else at the end (only new ones)
     * @param follow        keep waiting for new records instead of stopping at the end found at start
     * @param max           stop after this many shown; 0 for no limit
     * @param reasons       show only these reason codes; empty for all
     */
    record Selection(boolean fromBeginning, boolean follow, long max, Set<String> reasons) {
        Selection {
            reasons = Set.copyOf(reasons);
        }

        boolean matches(DeadLetter letter) {
            return reasons.isEmpty() || (letter.reason() != null && reasons.contains(letter.reason()));
        }
    }

    /** The counts of one read. */
    record Result(long read, long shown) {
    }

    /**
     * Hands each selected dead letter to {@code out} in partition order until the end, the limit or {@link #stop()}.
     *
     * @throws DlqFailure when the topic does not exist
     */
    Result read(Selection selection, java.util.function.Consumer<DeadLetter> out) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        if (selection.fromBeginning()) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        Map<TopicPartition, Long> end = selection.follow() ? Map.of() : consumer.endOffsets(partitions);
        long read = 0;
        long shown = 0;
        try {
            while (!stopped && (selection.follow() || !caughtUp(partitions, end))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (!selection.follow() && record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    DeadLetter letter = DeadLetter.of(record);
                    if (selection.matches(letter)) {
                        out.accept(letter);
                        shown++;
                        if (selection.max() > 0 && shown >= selection.max()) {
                            return new Result(read, shown);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() was called.
        }
        return new Result(read, shown);
    }

    /** Ends a running {@link #read}, from another thread. */
    void stop() {
        stopped = true;
        consumer.wakeup();
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new DlqFailure("topic " + topic + " does not exist: the processor creates it when it starts");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private boolean caughtUp(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
    }
}
