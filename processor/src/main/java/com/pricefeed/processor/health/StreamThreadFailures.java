package com.pricefeed.processor.health;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the stream threads keep failing without getting anywhere: a thread that fails is replaced and restarts from
 * the last committed transaction, so a record that fails it every time stops its partitions for good while Kafka
 * Streams still reports RUNNING. Progress is a successful commit: a thread's {@code commit-total} above what it was at
 * the last failure (a replacement thread starts from 0). Thread-safe.
 */
public final class StreamThreadFailures {

    /** Failures in a row, with no commit between them, after which the processor is not ready. */
    public static final int IN_A_ROW_BEFORE_NOT_READY = 3;

    private int inARow;
    private String lastFailure;
    private Map<String, Double> commitsAtLastFailure = Map.of();

    /**
     * @param commitsByThread {@code commit-total} of each live stream thread, by thread name, as the failure happens
     */
    public synchronized void failed(Throwable cause, Map<String, Double> commitsByThread) {
        if (committedSinceLastFailure(commitsByThread)) {
            inARow = 0;
        }
        inARow++;
        lastFailure = cause.toString();
        commitsAtLastFailure = new HashMap<>(commitsByThread);
    }

    /** Why the processor is stuck, or empty while it makes progress (or failed fewer than the allowed times). */
    public synchronized Optional<String> stuck(Map<String, Double> commitsByThread) {
        if (inARow > 0 && committedSinceLastFailure(commitsByThread)) {
            inARow = 0;
        }
        if (inARow < IN_A_ROW_BEFORE_NOT_READY) {
            return Optional.empty();
        }
        return Optional.of("stream threads failed " + inARow + " times in a row without committing; last: " + lastFailure);
    }

    private boolean committedSinceLastFailure(Map<String, Double> commitsByThread) {
        return commitsByThread.entrySet().stream()
                .anyMatch(thread -> thread.getValue() > commitsAtLastFailure.getOrDefault(thread.getKey(), 0.0));
    }
}
