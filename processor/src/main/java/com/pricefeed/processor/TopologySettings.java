package com.pricefeed.processor;

import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.processor.streams.StreamsProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology itself needs to know; everything about running it (brokers, threads, state dir) stays out.
 *
 * @param topics           the topic names
 * @param maxFutureSkew    how far in the future a tick's source timestamp may lie before it is rejected
 * @param dedupWindow      how long an accepted tick's identity is remembered to drop its duplicates
 * @param symbolPartitions how the per-symbol state is split: the partitions of the {@code ticks-by-symbol} topic
 * @param deadLetterMaxBytes the most bytes one record of the dead-letter topic may take; a larger dead letter is
 *                         truncated to fit ({@link com.pricefeed.processor.dlq.DeadLetters})
 * @param historyRetention how long the history is kept ({@code HISTORY_RETENTION}); an older tick is rejected.
 *                         Zero keeps it forever
 */
public record TopologySettings(TopicNames topics, Duration maxFutureSkew, Duration dedupWindow,
                               SymbolPartitions symbolPartitions, long deadLetterMaxBytes, Duration historyRetention) {

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = ProcessorSettings.MAX_FUTURE_SKEW.defaultValue();
    public static final Duration DEFAULT_DEDUP_WINDOW = ProcessorSettings.DEDUP_WINDOW.defaultValue();

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        Objects.requireNonNull(symbolPartitions, "symbolPartitions");
        Objects.requireNonNull(historyRetention, "historyRetention");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + maxFutureSkew);
        }
        if (dedupWindow.toMillis() < 1) {
            throw new IllegalArgumentException("dedupWindow must be at least 1ms, got " + dedupWindow);
        }
        if (deadLetterMaxBytes < 1) {
            throw new IllegalArgumentException("deadLetterMaxBytes must be positive, got " + deadLetterMaxBytes);
        }
    }

    public TopologySettings(TopicNames topics, Duration maxFutureSkew, Duration dedupWindow, SymbolPartitions symbolPartitions) {
        this(topics, maxFutureSkew, dedupWindow, symbolPartitions, StreamsProperties.MAX_REQUEST_BYTES, Duration.ZERO);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(TopicNames.defaults(), DEFAULT_MAX_FUTURE_SKEW, DEFAULT_DEDUP_WINDOW,
                new SymbolPartitions(1));
    }

    public TopologySettings withSymbolPartitions(SymbolPartitions partitions) {
        return new TopologySettings(topics, maxFutureSkew, dedupWindow, partitions, deadLetterMaxBytes, historyRetention);
    }

    public TopologySettings withDeadLetterMaxBytes(long maxBytes) {
        return new TopologySettings(topics, maxFutureSkew, dedupWindow, symbolPartitions, maxBytes, historyRetention);
    }

    public TopologySettings withHistoryRetention(Duration retention) {
        return new TopologySettings(topics, maxFutureSkew, dedupWindow, symbolPartitions, deadLetterMaxBytes, retention);
    }
}
