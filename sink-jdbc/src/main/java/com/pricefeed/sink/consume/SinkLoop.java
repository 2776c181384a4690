package com.pricefeed.sink.consume;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.sink.health.SinkHealth;
import com.pricefeed.sink.offsets.PartitionPositions;
import com.pricefeed.sink.poison.PoisonRecords;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import com.pricefeed.platform.kafka.KafkaAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The consumer thread, step by step: position newly assigned partitions ({@link PartitionPositions}); read a batch
 * ({@link BatchReader}); hand it to the writer thread ({@link WriteHandOff}) and read the next one meanwhile; once
 * the write is done, resume and tell Kafka the position too ({@link RetryPause}, {@link AdvisoryCommits}), or let
 * the {@link FailurePolicy} decide what its failure means: retry after a pause, split the batch, set a poison
 * record aside ({@link PoisonRecords}), drop what was read and reposition, or repair the history id sequence
 * ({@link SequenceRepair}).
 *
 * <p>Batches are written one at a time, in the order they were read. Before Kafka takes partitions away (inside a
 * poll) the write in flight is settled, and the waiting records of those partitions are dropped unwritten: the new
 * owner starts from the position stored with the last committed batch.
 *
 * <p>Everything here runs on the one consumer thread, except the write itself; {@link #stop()} and the getters are
 * the only methods for other threads. The consumer is this thread's alone: the loop closes it as it ends, so that
 * Kafka's revocation callbacks, which run inside {@code close}, settle the write in flight on this thread too.
 */
public final class SinkLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, HistoryEvent> consumer;
    private final String topic;
    private final PartitionPositions positions;
    /** Batches read and not yet handed to the writer. */
    private final PendingBatches pending;
    private final BatchReader reader;
    private final WriteHandOff writes;
    private final PoisonRecords poison;
    private final RetryPause retry;
    private final AdvisoryCommits advisory;
    private final SequenceRepair sequence;
    private final SinkHealth health;

    private volatile boolean stopping;
    private volatile boolean running;
    private volatile Throwable failure;

    public SinkLoop(Consumer<String, HistoryEvent> consumer, String topic, PartitionPositions positions,
                    PendingBatches pending, BatchReader reader, WriteHandOff writes, PoisonRecords poison,
                    RetryPause retry, AdvisoryCommits advisory, SequenceRepair sequence, SinkHealth health) {
        this.consumer = consumer;
        this.topic = topic;
        this.positions = positions;
        this.pending = pending;
        this.reader = reader;
        this.writes = writes;
        this.poison = poison;
        this.retry = retry;
        this.advisory = advisory;
        this.sequence = sequence;
        this.health = health;
    }

    @Override
    public void run() {
        running = true;
        try {
            consumer.subscribe(List.of(topic), new HandOver());
            while (!stopping) {
                step();
                health.waiting(writes.busy() || !pending.isEmpty() || poison.isPending());
            }
        } catch (WakeupException e) {
            if (!stopping) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            running = false;
            if (writes.busy()) {
                writes.settle();
            }
            abandon();
        }
    }

    /** Closes the consumer, leaving the group: at the end of {@link #run()}, or instead of it when it never runs. */
    public void abandon() {
        try {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            log.warn("Error while closing the consumer: {}", e.toString());
        }
    }

    /** Asks the loop to end: an in-flight transaction still commits or rolls back, then the loop returns. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Whether the loop is running: false before it starts and once it has stopped or failed. */
    public boolean isRunning() {
        return running;
    }

    /** The error that ended the loop, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    private void step() {
        if (!positioned()) {
            return;
        }
        if (writes.busy()) {
            whileWriting();
        } else if (poison.isPending()) {
            setAside();
        } else if (!pending.isEmpty()) {
            writes.start(pending.takeFirst());
        } else {
            reader.poll();
        }
    }

    private boolean positioned() {
        try {
            positions.positionPending();
            return true;
        } catch (SQLException | RuntimeException e) {
            rethrowWakeup(e);
            rethrowRefusal(e);
            retry.waitBeforeRetry(e, pending.batchCount());
            return false;
        }
    }

    /** Reads the next batch while this one is written, or waits a little for the write; settles it once it is done. */
    private void whileWriting() {
        if (writes.finished()) {
            written(writes.take());
        } else if (!reader.readAhead(writes.expectedRemaining())) {
            writes.awaitBriefly();
        }
    }

    private void written(WriteOutcome outcome) {
        if (outcome.committed()) {
            committed(outcome);
        } else {
            pending.putBack(List.of(outcome.batch()));
            apply(FailurePolicy.afterWrite(outcome.batch(), outcome.failure()));
        }
    }

    private void committed(WriteOutcome outcome) {
        health.committed();
        retry.succeeded();
        advisory.commit(outcome.batch());
    }

    private void setAside() {
        try {
            poison.setAside();
            retry.succeeded();
        } catch (SQLException | RuntimeException e) {
            rethrowWakeup(e);
            apply(FailurePolicy.afterSetAside(e));
        }
    }

    private void apply(Decision decision) {
        if (decision instanceof Decision.Split split) {
            log.warn("Database rejected a batch of {} for its data ({}); splitting it to find the record",
                    pending.takeFirst().size(), split.cause().getMessage());
            pending.putBack(split.halves());
        } else if (decision instanceof Decision.SetAside setAside) {
            pending.takeFirst();
            poison.isolated(setAside.record(), setAside.cause());
        } else if (decision instanceof Decision.DropAndReposition) {
            dropAll(decision.cause());
        } else if (decision instanceof Decision.RepairSequence) {
            repairSequence(decision.cause());
        } else {
            retry.waitBeforeRetry(decision.cause(), pending.batchCount());
        }
    }

    /** Someone already committed (part of) what is pending: drop it all and start again from the stored positions. */
    private void dropAll(Exception cause) {
        log.warn("Dropping {} unwritten batch(es): {}; re-reading positions from the database", pending.batchCount(), cause.getMessage());
        pending.clear();
        poison.clear();
        positions.repositionAll();
    }

    private void repairSequence(Exception cause) {
        try {
            sequence.repair(cause);
        } catch (SQLException | RuntimeException e) {
            rethrowWakeup(e);
            retry.waitBeforeRetry(e, pending.batchCount());
        }
    }

    /*
     * Kafka is about to take partitions away: the write in flight must end first, so the database holds everything
     * of theirs this instance will ever write. A failed write's batch is back in front, to be filtered like the rest
     * and attempted again (and its failure dealt with then) after the rebalance: nothing here may poll.
     */
    private void released(Collection<TopicPartition> partitions) {
        positions.released(partitions);
        if (partitions.isEmpty()) {
            return;
        }
        if (writes.busy()) {
            WriteOutcome outcome = writes.settle();
            if (outcome.committed()) {
                committed(outcome);
            } else {
                pending.putBack(List.of(outcome.batch()));
            }
        }
        pending.dropPartitions(partitions);
        poison.forget(partitions);
    }

    private static void rethrowWakeup(Exception e) {
        if (e instanceof WakeupException wakeup) {
            throw wakeup;
        }
    }

    /** Kafka refusing this sink's principal is not mended by retrying: the loop ends with that reason. */
    private static void rethrowRefusal(Exception e) {
        if (e instanceof RuntimeException refused && KafkaAccess.refusal(e).isPresent()) {
            throw refused;
        }
    }

    private void fail(Throwable e) {
        failure = e;
        KafkaAccess.refusal(e).ifPresentOrElse(refusal -> log.error("The price sink stops: {}", refusal),
                () -> log.error("Price sink consumer stopped on an unrecoverable error", e));
    }

    /** Positions assigned partitions from the database, and settles what this instance holds of revoked ones. */
    private final class HandOver implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            positions.assigned(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            released(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            released(partitions);
        }
    }
}
