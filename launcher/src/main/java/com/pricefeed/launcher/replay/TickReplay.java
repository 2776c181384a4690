package com.pricefeed.launcher.replay;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Publishes the rows of a tick CSV in file order: read → check locally ({@link RowCheck}) → wait for the row's
 * turn → send keyed by symbol. Rows that fail the check are reported with their line and reason and skipped, or
 * sent anyway so that the processor dead-letters them. Stops at the first send the broker refuses.
 */
final class TickReplay {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final RowCheck check;
    private final Pacer pacer;
    private final boolean sendInvalid;
    private final ProgressBar progress;
    private final LongSupplier nanoTime;

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final SortedMap<String, Long> invalid = new TreeMap<>();
    private long rowsRead;
    private long lastLine = 1;
    private long invalidSent;
    private volatile boolean stopRequested;

    /**
     * @param producer    where to send; the caller owns it and closes it
     * @param sendInvalid whether rows that fail the local check are sent anyway
     * @param progress    shows progress and prints per-row messages
     */
    TickReplay(Producer<String, byte[]> producer, String topic, RowCheck check, Pacer pacer, boolean sendInvalid,
               ProgressBar progress, LongSupplier nanoTime) {
        this.producer = producer;
        this.topic = topic;
        this.check = check;
        this.pacer = pacer;
        this.sendInvalid = sendInvalid;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    /** Asks a running replay to stop after the current row; what was sent is still flushed and summarized. */
    void stop() {
        stopRequested = true;
    }

    ReplaySummary run(TickCsv csv) {
        long start = nanoTime.getAsLong();
        String stoppedBy = null;
        try {
            stoppedBy = publishAll(csv);
        } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            stoppedBy = "interrupted";
        } catch (IOException e) {
            stoppedBy = "the input is not readable CSV after line " + lastLine + ": " + e.getMessage();
            progress.message("error: " + stoppedBy);
        } finally {
            // An interrupt asks the replay to stop, which it now does; left pending it would make flush (and the
            // producer's close) throw before the records already handed over are delivered.
            if (Thread.interrupted() && stoppedBy == null) {
                stoppedBy = "interrupted";
            }
            producer.flush();
            progress.finish();
        }
        if (firstFailure.get() != null) {
            progress.message("error: " + firstFailure.get());
            if (stoppedBy == null && failed.get() > 0) {
                stoppedBy = "a send failed";
            }
        }
        return new ReplaySummary(rowsRead, acknowledged.get(), invalid, invalidSent, failed.get(), stoppedBy,
                Duration.ofNanos(nanoTime.getAsLong() - start));
    }

    private String publishAll(TickCsv csv) throws IOException, InterruptedException {
        while (true) {
            if (stopRequested) {
                return "interrupted";
            }
            if (failed.get() > 0) {
                return "a send failed";
            }
            Optional<CsvRow> row = csv.read();
            if (row.isEmpty()) {
                return null;
            }
            rowsRead++;
            lastLine = row.get().line();
            publish(row.get());
            progress.advance(rowsRead);
        }
    }

    private void publish(CsvRow row) throws InterruptedException {
        RowCheck.Checked checked = check.check(row);
        if (checked instanceof RowCheck.Valid valid) {
            pacer.awaitTurn(valid.sourceTimestamp());
            send(valid.line(), valid.key(), valid.value());
        } else if (checked instanceof RowCheck.Invalid invalidRow) {
            boolean sent = sendInvalid && invalidRow.sendable();
            invalid.merge(invalidRow.reason(), 1L, Long::sum);
            progress.message(invalidRow.describe() + (sent ? " (sent anyway)" : " (not sent)"));
            if (sent) {
                invalidSent++;
                send(invalidRow.line(), invalidRow.key(), invalidRow.value());
            }
        }
    }

    private void send(long line, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, "line " + line + " was not published: " + error);
            }
        });
    }
}
