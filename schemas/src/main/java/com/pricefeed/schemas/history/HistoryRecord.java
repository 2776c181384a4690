package com.pricefeed.schemas.history;

import com.pricefeed.schemas.tick.PriceTick;

import java.time.Instant;
import java.util.Objects;

/**
 * The value on {@code price-history}, keyed by symbol: one accepted tick, exactly once, in the order the processor
 * accepted it for that symbol.
 *
 * <p>On the topic in the binary form of {@link HistoryRecordSerde}; its JSON form, which earlier processors wrote, is
 * {@code {"tick":{…},"received_at":"2026-11-24T14:30:00.200Z","became_current":true}}.
 *
 * @param tick          the accepted, normalized tick
 * @param receivedAt    when the processor accepted it; stored as {@code fetched_at}
 * @param becameCurrent whether the tick became the symbol's master when it was accepted; a late tick is history only
 */
public record HistoryRecord(PriceTick tick, Instant receivedAt, boolean becameCurrent) {

    public HistoryRecord {
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
