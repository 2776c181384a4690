package com.pricefeed.sink.consume;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.offsets.PartitionPositions;
import com.pricefeed.sink.offsets.TopicIds;
import com.pricefeed.sink.poison.RejectedRecord;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.Failure;
import com.pricefeed.sink.write.WriteResult;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The consumer thread: poll, group the records into a batch, hand it to the writer thread to be written in one
 * transaction, and meanwhile poll (and decode) the next batch, so the sink's own work overlaps the database's.
 *
 * <p>Batches are written one at a time, in the order they were read. While one is written, polls go on until a
 * batch's worth of records is waiting, filling the next batch to the limit ({@link PendingBatches}). Before Kafka
 * takes partitions away (inside a poll) the write in flight is waited for, and the waiting records of those
 * partitions are dropped unwritten: the new owner starts from the position stored with the last committed batch.
 * When a write fails the batch stays here: a database outage retries the same batch with exponential backoff; a
 * data rejection splits it in halves until the poison record is alone, which is then set aside in
 * {@code sink_rejected_records}; a position conflict (someone else already wrote it) drops it and everything read
 * after it.
 *
 * <p>Everything here runs on the one consumer thread, except {@link BatchWriter#write} on the writer thread;
 * {@link #stop()} is the only method for other threads.
 */
public final class SinkLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    /** The longest a poll made while a batch is being written waits, so the next write starts soon after. */
    private static final Duration READ_AHEAD_POLL = Duration.ofMillis(10);

    private final Consumer<String, HistoryRecord> consumer;
    private final String topic;
    private final Serializer<HistoryRecord> valueSerializer;
    private final BatchWriter writer;
    private final Duration pollTimeout;
    private final Backoff backoff;
    private final SinkMetrics metrics;

    /** Batches read and not yet handed to the writer. */
    private final PendingBatches pending;
    private final ExecutorService writerThread;
    /** The batch the writer thread is writing, or null. */
    private InFlight inFlight;
    /** How long the last successful write took, so how long the one in flight is expected to take. */
    private long lastWriteNanos;
    /** A poll met an unreadable record while earlier ones were still unwritten: no more reading ahead until they are. */
    private boolean readAheadBlocked;
    /** A record proven poison, to be set aside before anything else is written. */
    private Rejection rejection;
    private final PartitionPositions positions;

    private volatile boolean stopping;
    private volatile boolean running;
    private volatile String databaseProblem;
    private volatile Throwable failure;

    public SinkLoop(Consumer<String, HistoryRecord> consumer, String topic, Serializer<HistoryRecord> valueSerializer,
                    BatchWriter writer, DataSource dataSource, OffsetRepository offsets, TopicIds topicIds,
                    Duration pollTimeout, int maxBatch, Backoff backoff, SinkMetrics metrics) {
        this.consumer = consumer;
        this.topic = topic;
        this.valueSerializer = valueSerializer;
        this.writer = writer;
        this.positions = new PartitionPositions(consumer, dataSource, offsets, topicIds, this::released);
        this.pollTimeout = pollTimeout;
        this.pending = new PendingBatches(maxBatch);
        this.backoff = backoff;
        this.metrics = metrics;
        this.writerThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "price-sink-writer");
            thread.setDaemon(true);
            return thread;
        });
        this.running = true;
    }

    /** Partitions this instance no longer owns: their records are dropped unwritten (see {@link PartitionPositions}). */
    private void released(Collection<TopicPartition> partitions) {
        settleBeforeRebalance();
        pending.dropPartitions(partitions);
        if (rejection != null && partitions.contains(rejection.record().partition())) {
            rejection = null;
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), positions);
            while (!stopping) {
                step();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            running = false;
            awaitInFlight();
            writerThread.shutdown();
            closeConsumer();
        }
    }

    /** Asks the loop to end: an in-flight transaction still commits or rolls back, then the consumer closes. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Whether the loop is running (false once stopped or failed). */
    public boolean isRunning() {
        return running;
    }

    /** Why writes are currently failing, or {@code null} when the last write or position read succeeded. */
    public String databaseProblem() {
        return databaseProblem;
    }

    /** The error that ended the loop, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    private void step() {
        try {
            positions.positionPending();
        } catch (SQLException | RuntimeException e) {
            rethrowWakeup(e);
            waitBeforeRetry(e);
            return;
        }
        if (inFlight != null) {
            whileWriting();
        } else if (rejection != null) {
            try {
                setAside(rejection);
            } catch (SQLException | RuntimeException e) {
                rethrowWakeup(e);
                // A record that cannot even be set aside is retried, never skipped unrecorded.
                if (Failure.of(e) == Failure.POSITION_CONFLICT) {
                    dropAll(e);
                } else {
                    waitBeforeRetry(e);
                }
            }
        } else if (!pending.isEmpty()) {
            startWrite(pending.takeFirst());
        } else {
            readAheadBlocked = false;
            poll(pollTimeout);
        }
    }

    /**
     * Reads the next batch while this one is written, or waits for the write; settles it once it is done. Once the
     * next batch has records, polls go on only while the write is expected to last (as long as the last one took),
     * so that under a backlog the next batch fills up, and at a low rate it is written as soon as this write ends.
     */
    private void whileWriting() {
        if (inFlight.result().isDone()) {
            finishWrite();
            return;
        }
        Duration readAhead = pending.isEmpty() ? READ_AHEAD_POLL : untilExpectedEnd();
        if (!readAhead.isZero() && !pending.hasFullBatch() && rejection == null && !readAheadBlocked) {
            poll(readAhead);
        } else {
            awaitInFlight();
        }
    }

    private Duration untilExpectedEnd() {
        long left = inFlight.startedAt() + lastWriteNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(0, Math.min(left, READ_AHEAD_POLL.toNanos())));
    }

    private void poll(Duration timeout) {
        try {
            ConsumerRecords<String, HistoryRecord> records = consumer.poll(timeout);
            if (!records.isEmpty()) {
                pending.addPolled(Batch.of(records));
            }
        } catch (RecordDeserializationException e) {
            if (inFlight != null || !pending.isEmpty()) {
                // The consumer stays at the unreadable record; it is met again once everything before it is written.
                readAheadBlocked = true;
                return;
            }
            rejection = new Rejection(new RejectedRecord(e.topicPartition(), e.offset(), utf8(e.keyBuffer()),
                    bytes(e.valueBuffer()), "Cannot deserialize: " + rootMessage(e)), true);
        }
    }

    private void startWrite(Batch batch) {
        inFlight = new InFlight(batch, System.nanoTime(), CompletableFuture.supplyAsync(() -> timedWrite(batch), writerThread));
    }

    /** On the writer thread. */
    private TimedWrite timedWrite(Batch batch) {
        long started = System.nanoTime();
        try {
            return new TimedWrite(writer.write(batch), Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /** The write in flight is done: count it, or put its batch back in front and deal with the failure. */
    private void finishWrite() {
        Exception failure = takeFinished();
        if (failure != null) {
            handle(failure);
        }
    }

    /**
     * Kafka is about to take partitions away: the write in flight must end first, so the database holds everything
     * of theirs this instance will ever write. A failed write's batch is back in front, to be filtered like the rest
     * and attempted again (and its failure dealt with then) after the rebalance: nothing here may poll.
     */
    private void settleBeforeRebalance() {
        if (inFlight != null) {
            awaitInFlight();
            takeFinished();
        }
    }

    /** Takes the finished write off the writer: counts it, or puts its batch back in front and returns the failure. */
    private Exception takeFinished() {
        InFlight written = inFlight;
        inFlight = null;
        try {
            TimedWrite result = written.result().join();
            metrics.committed(written.batch().size(), result.result(), result.took());
            lastWriteNanos = result.took().toNanos();
            succeeded();
            commitAdvisory(written.batch());
            return null;
        } catch (CompletionException e) {
            pending.putBack(List.of(written.batch()));
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return cause instanceof Exception exception ? exception : e;
        }
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a batch was being written", e);
        } catch (ExecutionException e) {
            // Dealt with by whoever settles the write.
        }
    }

    private void setAside(Rejection pendingRejection) throws SQLException {
        RejectedRecord rejected = pendingRejection.record();
        writer.reject(rejected);
        rejection = null;
        metrics.poisoned();
        log.error("Set aside record {} of {} in sink_rejected_records and moved past it: {}",
                rejected.coordinates(), rejected.partition().topic(), rejected.error());
        if (pendingRejection.seekPast() && consumer.assignment().contains(rejected.partition())) {
            consumer.seek(rejected.partition(), rejected.offset() + 1);
        }
        succeeded();
    }

    private void handle(Exception e) {
        switch (Failure.of(e)) {
            case DATA -> isolate(e);
            case POSITION_CONFLICT -> dropAll(e);
            case RETRY -> waitBeforeRetry(e);
        }
    }

    /** Someone already committed (part of) what is pending: drop it all and start again from the stored positions. */
    private void dropAll(Exception e) {
        log.warn("Dropping {} unwritten batch(es): {}; re-reading positions from the database", pending.batchCount(), e.getMessage());
        pending.clear();
        rejection = null;
        positions.repositionAll();
    }

    /** Splits the failing batch in halves, written in order, until the poison record is alone. */
    private void isolate(Exception e) {
        Batch failed = pending.takeFirst();
        if (failed.size() > 1) {
            List<Batch> halves = failed.split();
            log.warn("Database rejected a batch of {} for its data ({}); splitting it to find the record", failed.size(), e.getMessage());
            pending.putBack(halves);
            return;
        }
        BatchRecord poison = failed.records().get(0);
        log.error("Database rejected record {} (topic {}, partition {}, offset {}): {}", poison.coordinates(),
                poison.partition().topic(), poison.partition().partition(), poison.offset(), e.getMessage(), e);
        rejection = new Rejection(new RejectedRecord(poison.partition(), poison.offset(), poison.key(),
                poison.value() == null ? null : valueSerializer.serialize(topic, poison.value()), rootMessage(e)), false);
    }

    /*
     * The batch is kept and retried as it is: the rolled-back transaction left the stored positions where they
     * were, so the same records are exactly what the database still lacks. Meanwhile every assigned partition is
     * paused and the consumer keeps polling (a paused poll returns nothing and waits out its timeout), so the group
     * does not evict this instance after max.poll.interval.ms and hand its partitions to someone else for an
     * outage that hits every instance alike. Rewinding instead (seeking to the stored positions) would need the
     * very database that is down and would re-fetch what is already in memory.
     */
    private void waitBeforeRetry(Exception e) {
        Duration wait = backoff.next();
        metrics.retried();
        if (databaseProblem == null) {
            log.warn("Database unavailable, retrying {} pending batch(es) with backoff up to the configured maximum", pending.batchCount(), e);
        } else {
            log.warn("Database still unavailable, retrying in {} ms: {}", wait.toMillis(), rootMessage(e));
        }
        databaseProblem = rootMessage(e);
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0 && !stopping; left = deadline - System.nanoTime()) {
            ConsumerRecords<String, HistoryRecord> unexpected = consumer.poll(Duration.ofNanos(left));
            rewind(unexpected);
        }
        resumePositioned();
    }

    /** Puts back records a paused poll returned anyway, so none is skipped. */
    private void rewind(ConsumerRecords<String, HistoryRecord> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void succeeded() {
        if (databaseProblem != null) {
            log.info("Database writes succeed again");
        }
        databaseProblem = null;
        backoff.reset();
        if (!consumer.paused().isEmpty()) {
            resumePositioned();
        }
    }

    private void resumePositioned() {
        consumer.resume(consumer.assignment().stream().filter(positions::isPositioned).toList());
    }

    /** Tells Kafka the committed position too, for lag monitoring only: the database's position is the truth. */
    private void commitAdvisory(Batch batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        batch.ranges().forEach((partition, range) -> {
            if (consumer.assignment().contains(partition)) {
                offsets.put(partition, new OffsetAndMetadata(range.next()));
            }
        });
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                log.debug("Advisory offset commit failed (the database holds the real positions): {}", error.toString());
            }
        });
    }

    private static void rethrowWakeup(Exception e) {
        if (e instanceof WakeupException wakeup) {
            throw wakeup;
        }
    }

    private void fail(Throwable e) {
        failure = e;
        log.error("Price sink consumer stopped on an unrecoverable error", e);
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            log.warn("Error while closing the consumer: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String utf8(ByteBuffer buffer) {
        byte[] bytes = bytes(buffer);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @param record   the record to store in {@code sink_rejected_records}
     * @param seekPast whether the consumer still stands at this record (it could not be deserialized) and must
     *                 seek past it once it is stored
     */
    private record Rejection(RejectedRecord record, boolean seekPast) {
    }

    /** A batch handed to the writer thread when (nanoTime) and the outcome of its transaction. */
    private record InFlight(Batch batch, long startedAt, CompletableFuture<TimedWrite> result) {
    }

    private record TimedWrite(WriteResult result, Duration took) {
    }
}
