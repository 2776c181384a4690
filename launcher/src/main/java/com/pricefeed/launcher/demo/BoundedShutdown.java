package com.pricefeed.launcher.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops parts in phases within one time budget. The parts of a phase stop at the same time, each on a thread of its own;
 * a part that has not stopped when its phase's time is up is left behind, logged, and ended by the JVM's exit.
 */
final class BoundedShutdown {

    private static final Logger log = LoggerFactory.getLogger(BoundedShutdown.class);

    private final long deadline;

    BoundedShutdown(Duration budget) {
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** The time left until {@code reserve} before the end of the budget; zero when past it. */
    Duration remaining(Duration reserve) {
        long left = deadline - reserve.toNanos() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Stops {@code parts} (by name) at the same time and waits for them at most until {@code reserve} before the end. */
    void stopTogether(Duration reserve, Map<String, AutoCloseable> parts) {
        List<Thread> stopping = new ArrayList<>();
        parts.forEach((name, part) -> {
            Thread thread = new Thread(() -> stop(name, part), "stop-" + name);
            thread.setDaemon(true);
            thread.start();
            stopping.add(thread);
        });
        for (Thread thread : stopping) {
            try {
                thread.join(Math.max(1, remaining(reserve).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                log.warn("{} did not stop in time; leaving it behind", thread.getName().substring("stop-".length()));
            }
        }
    }

    private static void stop(String name, AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Error while stopping {}: {}", name, e.toString());
        }
    }
}
