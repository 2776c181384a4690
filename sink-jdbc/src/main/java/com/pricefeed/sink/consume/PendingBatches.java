package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The batches read and not yet written, in the order they must be written.
 *
 * <p>Polled records fill the last batch up to the batch limit, and what does not fit starts the next one, so a
 * backlog is written in full batches whatever fetch boundaries the polls meet. A batch put back in front (one whose
 * write failed, or the halves of one) is never filled further: it is written as it is. Not thread-safe; the
 * consumer thread owns it.
 */
public final class PendingBatches {

    private final int maxBatch;
    private final Deque<Batch> batches = new ArrayDeque<>();
    /** The last batch, while polled records may still be added to it; null once it is taken or no longer last. */
    private Batch filling;

    public PendingBatches(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
    }

    /** Adds the records of one poll: to the batch being filled as far as they fit, the rest as the next batch. */
    void addPolled(Batch polled) {
        Batch rest = polled;
        if (filling != null && filling == batches.peekLast() && filling.size() < maxBatch) {
            List<Batch> parts = polled.splitAt(Math.min(polled.size(), maxBatch - filling.size()));
            batches.removeLast();
            filling = filling.followedBy(parts.get(0));
            batches.addLast(filling);
            rest = parts.get(1);
        }
        if (!rest.isEmpty()) {
            filling = rest;
            batches.addLast(rest);
        }
    }

    /** Takes out the batch to write next. */
    Batch takeFirst() {
        Batch first = batches.removeFirst();
        if (first == filling) {
            filling = null;
        }
        return first;
    }

    /** Puts batches back in front, to be written next in the order given, as they are. */
    void putBack(List<Batch> inOrder) {
        for (int i = inOrder.size() - 1; i >= 0; i--) {
            batches.addFirst(inOrder.get(i));
        }
    }

    /** Drops the records of partitions this consumer no longer owns, and the batches left empty. */
    void dropPartitions(Collection<TopicPartition> partitions) {
        List<Batch> kept = batches.stream().map(batch -> batch.without(partitions)).filter(b -> !b.isEmpty()).toList();
        batches.clear();
        batches.addAll(kept);
        filling = null;
    }

    void clear() {
        batches.clear();
        filling = null;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Whether a batch's worth of records is waiting, so reading further can wait until it is written. */
    boolean hasFullBatch() {
        return records() >= maxBatch;
    }

    int batchCount() {
        return batches.size();
    }

    private int records() {
        int records = 0;
        for (Batch batch : batches) {
            records += batch.size();
        }
        return records;
    }
}
