package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.write.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hand-off to the writer thread: one batch at a time is written there, in one transaction, while the consumer
 * thread reads the next. A write is never waited for without bound: once it has taken longer than its deadline,
 * the connection under it is aborted, which ends it with an error (PostgreSQL rolls the transaction back) and the
 * batch is retried like any failed write.
 */
public final class WriteHandOff implements AutoCloseable {

    /** Writes one batch in one transaction: {@code BatchWriter::write}. */
    @FunctionalInterface
    public interface BatchWrite {
        WriteResult write(Batch batch) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(WriteHandOff.class);
    private static final Duration WAIT_SLICE = Duration.ofMillis(100);

    private final BatchWrite write;
    private final Runnable abort;
    private final Duration deadline;
    private final SinkMetrics metrics;
    private final ExecutorService writerThread;
    /** The batch being written, or null. */
    private InFlight inFlight;
    /** How long the last successful write took, so how long the one in flight is expected to take. */
    private Duration lastWrite = Duration.ZERO;
    private boolean aborted;

    /**
     * @param abort    ends the write in flight at once (aborts its connection)
     * @param deadline how long a write may take before it is aborted
     */
    public WriteHandOff(BatchWrite write, Runnable abort, Duration deadline, SinkMetrics metrics) {
        this.write = write;
        this.abort = abort;
        this.deadline = deadline;
        this.metrics = metrics;
        this.writerThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "price-sink-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(Batch batch) {
        aborted = false;
        inFlight = new InFlight(batch, System.nanoTime(), CompletableFuture.supplyAsync(() -> timedWrite(batch), writerThread));
    }

    /** Whether a write is in flight (finished or not, until its outcome is taken). */
    boolean busy() {
        return inFlight != null;
    }

    boolean finished() {
        return inFlight != null && inFlight.result().isDone();
    }

    /** How much longer the write in flight is expected to take, judged by how long the last one took. */
    Duration expectedRemaining() {
        return Duration.ofNanos(Math.max(0, inFlight.startedAt() + lastWrite.toNanos() - System.nanoTime()));
    }

    /** Waits a little for the write in flight; aborts it once it is past its deadline. */
    void awaitBriefly() {
        try {
            inFlight.result().get(WAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abortIfOverdue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a batch was being written", e);
        } catch (ExecutionException e) {
            // Its outcome is taken by take().
        }
    }

    /** Waits until the write in flight ends (within its deadline, or just after it is aborted) and takes its outcome. */
    WriteOutcome settle() {
        while (!finished()) {
            awaitBriefly();
        }
        return take();
    }

    /** Takes the outcome of the finished write, counting it when it committed; the hand-off is free for the next batch. */
    WriteOutcome take() {
        InFlight written = inFlight;
        inFlight = null;
        try {
            TimedWrite done = written.result().join();
            lastWrite = done.took();
            metrics.committed(written.batch().size(), done.result(), done.took());
            return new WriteOutcome(written.batch(), done.result(), done.took(), null);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return new WriteOutcome(written.batch(), null, Duration.ofNanos(System.nanoTime() - written.startedAt()),
                    cause instanceof Exception exception ? exception : e);
        }
    }

    @Override
    public void close() {
        writerThread.shutdown();
    }

    private void abortIfOverdue() {
        Duration running = Duration.ofNanos(System.nanoTime() - inFlight.startedAt());
        if (!aborted && running.compareTo(deadline) > 0 && !inFlight.result().isDone()) {
            aborted = true;
            log.warn("A batch of {} has been written for {} ms, longer than the {} ms allowed; aborting its connection",
                    inFlight.batch().size(), running.toMillis(), deadline.toMillis());
            abort.run();
        }
    }

    /** On the writer thread. */
    private TimedWrite timedWrite(Batch batch) {
        long started = System.nanoTime();
        try {
            return new TimedWrite(write.write(batch), Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /** A batch handed to the writer thread when (nanoTime) and the outcome of its transaction. */
    private record InFlight(Batch batch, long startedAt, CompletableFuture<TimedWrite> result) {
    }

    private record TimedWrite(WriteResult result, Duration took) {
    }
}
