package com.pricefeed.sink.batch;

import com.pricefeed.schemas.history.HistoryEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records written in one transaction, in partition order: within a partition, offsets ascend without
 * repeats. Any contiguous part of a batch (see {@link #split()}) is again a batch that can be written on its own,
 * which is how a poison record is isolated.
 */
public final class Batch {

    private final List<BatchRecord> records;

    private Batch(List<BatchRecord> records) {
        this.records = List.copyOf(records);
    }

    public static Batch of(List<BatchRecord> records) {
        checkPartitionOrder(records);
        return new Batch(records);
    }

    /** The records of one poll, partition by partition: ticks and delistings alike, each at its own offset. */
    public static Batch of(ConsumerRecords<String, HistoryEvent> polled) {
        List<BatchRecord> records = new ArrayList<>(polled.count());
        for (TopicPartition partition : polled.partitions()) {
            for (ConsumerRecord<String, HistoryEvent> record : polled.records(partition)) {
                records.add(new BatchRecord(partition, record.offset(), record.key(), record.value()));
            }
        }
        return of(records);
    }

    public List<BatchRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Per partition in this batch, the offsets it covers. */
    public Map<TopicPartition, OffsetRange> ranges() {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        Map<TopicPartition, Long> last = new LinkedHashMap<>();
        for (BatchRecord record : records) {
            first.putIfAbsent(record.partition(), record.offset());
            last.put(record.partition(), record.offset());
        }
        Map<TopicPartition, OffsetRange> ranges = new LinkedHashMap<>();
        first.forEach((partition, offset) -> ranges.put(partition, new OffsetRange(offset, last.get(partition) + 1)));
        return ranges;
    }

    /** This batch and then {@code next}, as one batch: the records of a later poll of the same consumer. */
    public Batch followedBy(Batch next) {
        List<BatchRecord> both = new ArrayList<>(records.size() + next.size());
        both.addAll(records);
        both.addAll(next.records);
        return of(both);
    }

    /** The two halves of this batch, first half first; writing them in that order is the same as writing this batch. */
    public List<Batch> split() {
        if (records.size() < 2) {
            throw new IllegalStateException("A batch of " + records.size() + " record(s) cannot be split");
        }
        return splitAt(records.size() / 2);
    }

    /** The first {@code index} records and the rest, either possibly empty; written in that order, they are this batch. */
    public List<Batch> splitAt(int index) {
        return List.of(new Batch(records.subList(0, index)), new Batch(records.subList(index, records.size())));
    }

    /** This batch without the records of the given partitions, e.g. ones this consumer no longer owns. */
    public Batch without(Collection<TopicPartition> partitions) {
        return new Batch(records.stream().filter(record -> !partitions.contains(record.partition())).toList());
    }

    private static void checkPartitionOrder(List<BatchRecord> records) {
        Map<TopicPartition, Long> last = new LinkedHashMap<>();
        for (BatchRecord record : records) {
            Long previous = last.put(record.partition(), record.offset());
            if (previous != null && previous >= record.offset()) {
                throw new IllegalArgumentException("Offsets of " + record.partition() + " are not ascending: "
                        + previous + " then " + record.offset());
            }
        }
    }

    @Override
    public String toString() {
        return "Batch[" + records.size() + " records, " + ranges() + "]";
    }
}
