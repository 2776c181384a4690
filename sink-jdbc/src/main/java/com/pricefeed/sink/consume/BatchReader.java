package com.pricefeed.sink.consume;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.poison.PoisonRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RecordDeserializationException;

import java.time.Duration;

/**
 * Reads {@code price-history} into the pending batches: a full poll when nothing is being written, and short polls
 * while a write is in flight (reading ahead), paced so that under a backlog the next batch fills up and at a low
 * rate it is written as soon as the write in flight ends. A record that cannot be deserialized goes to the poison
 * step once everything read before it is written. Runs on the consumer thread.
 */
public final class BatchReader {

    /** The longest a poll made while a batch is being written waits, so the next write starts soon after. */
    static final Duration READ_AHEAD_POLL = Duration.ofMillis(10);

    private final Consumer<String, HistoryEvent> consumer;
    private final PendingBatches pending;
    private final PoisonRecords poison;
    private final Duration pollTimeout;
    /** A poll met an unreadable record while earlier ones were still unwritten: no more reading ahead until they are. */
    private boolean blocked;

    public BatchReader(Consumer<String, HistoryEvent> consumer, PendingBatches pending, PoisonRecords poison, Duration pollTimeout) {
        this.consumer = consumer;
        this.pending = pending;
        this.poison = poison;
        this.pollTimeout = pollTimeout;
    }

    /** Nothing is written nor waiting: polls for up to the poll timeout. */
    void poll() {
        blocked = false;
        poll(pollTimeout, false);
    }

    /**
     * Reads ahead while a write is in flight that is expected to last {@code writeRemaining} longer. Once the next
     * batch has records, only for as long as the write is expected to last; not at all once a batch's worth waits,
     * a poison record waits, or an unreadable record was met. Returns false when it did not read: wait for the write.
     */
    boolean readAhead(Duration writeRemaining) {
        Duration budget = pending.isEmpty() ? READ_AHEAD_POLL : min(writeRemaining, READ_AHEAD_POLL);
        if (budget.isZero() || pending.hasFullBatch() || poison.isPending() || blocked) {
            return false;
        }
        poll(budget, true);
        return true;
    }

    private void poll(Duration timeout, boolean writing) {
        try {
            ConsumerRecords<String, HistoryEvent> records = consumer.poll(timeout);
            if (!records.isEmpty()) {
                pending.addPolled(Batch.of(records));
            }
        } catch (RecordDeserializationException e) {
            if (writing || !pending.isEmpty()) {
                // The consumer stays at the unreadable record; it is met again once everything before it is written.
                blocked = true;
            } else {
                poison.unreadable(e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
