package com.pricefeed.processor;

import com.pricefeed.schemas.topic.Topics;

import java.util.Objects;

/**
 * The names of the four topics the processor reads and writes.
 *
 * @param priceTicks      publisher input ({@code TOPIC_PRICE_TICKS})
 * @param deadLetters     rejected input, unchanged ({@code TOPIC_PRICE_TICKS_DLQ})
 * @param priceHistory    every accepted tick once ({@code TOPIC_PRICE_HISTORY})
 * @param realtimeSymbols the compacted current master per symbol ({@code TOPIC_REALTIME_SYMBOLS})
 */
public record TopicNames(String priceTicks, String deadLetters, String priceHistory, String realtimeSymbols) {

    public TopicNames {
        Objects.requireNonNull(priceTicks, "priceTicks");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(priceHistory, "priceHistory");
        Objects.requireNonNull(realtimeSymbols, "realtimeSymbols");
    }

    public static TopicNames defaults() {
        return new TopicNames(Topics.PRICE_TICKS, Topics.PRICE_TICKS_DLQ, Topics.PRICE_HISTORY, Topics.REALTIME_SYMBOLS);
    }
}
