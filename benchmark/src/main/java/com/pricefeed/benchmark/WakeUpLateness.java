package com.pricefeed.benchmark;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late the host wakes a thread that asks to sleep 1 ms, measured alongside a latency phase (the idea of
 * cyclictest): every hop of a tick (publisher, broker, processor, sink, PostgreSQL, observer) waits for such a
 * wake-up, so a phase's latency tail cannot sit below this one's. Recorded from {@code recordFrom} on, like the ticks.
 */
final class WakeUpLateness implements AutoCloseable {

    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    private final long recordFromNanos;
    private final Thread thread;
    private volatile boolean running = true;

    WakeUpLateness(Instant recordFrom) {
        this.recordFromNanos = LatencyProbe.nanoTimeAt(recordFrom);
        thread = new Thread(this::sleepRepeatedly, "bench-wake-up-lateness");
        thread.setDaemon(true);
        thread.start();
    }

    private void sleepRepeatedly() {
        while (running) {
            long asleep = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            long awake = System.nanoTime();
            if (asleep >= recordFromNanos) {
                histogram.recordValue(Math.max(0, awake - asleep - SLEEP_NANOS) / 1_000);
            }
        }
    }

    /** Stops sleeping; the lateness percentiles in milliseconds. */
    Map<String, Object> stop() throws InterruptedException {
        close();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("wake_up_lateness_p99_ms", histogram.getValueAtPercentile(99) / 1000.0);
        figures.put("wake_up_lateness_p99_9_ms", histogram.getValueAtPercentile(99.9) / 1000.0);
        figures.put("wake_up_lateness_max_ms", histogram.getMaxValue() / 1000.0);
        return figures;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
