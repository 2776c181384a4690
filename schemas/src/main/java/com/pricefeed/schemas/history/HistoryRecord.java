package com.pricefeed.schemas.history;

import com.pricefeed.schemas.tick.PriceTick;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted tick on {@code price-history}, keyed by symbol: each one exactly once, in the order the processor
 * accepted it for that symbol.
 *
 * <p>On the topic in the binary form of {@link HistoryEventSerde}; its JSON form, which earlier processors wrote, is
 * {@code {"tick":{…},"received_at":"2026-11-24T14:30:00.200Z","became_current":true}} and is read with no
 * {@code delistedAt}.
 *
 * @param tick          the accepted, normalized tick
 * @param receivedAt    when the processor accepted it; stored as {@code fetched_at}
 * @param becameCurrent whether the tick became the symbol's master (its last price) when it was accepted; a tick older
 *                      than the symbol's last price is history only
 * @param delistedAt    the delisting in force for the symbol after this tick, or {@code null} when the symbol is listed:
 *                      a tick older than the delisting in force is recorded with it (and, when it is the newest price
 *                      before the delisting, becomes the delisted symbol's last price); a tick newer than it relists
 *                      the symbol and has {@code null}
 */
public record HistoryRecord(PriceTick tick, Instant receivedAt, boolean becameCurrent, Instant delistedAt)
        implements HistoryEvent {

    public HistoryRecord {
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A tick of a listed symbol. */
    public HistoryRecord(PriceTick tick, Instant receivedAt, boolean becameCurrent) {
        this(tick, receivedAt, becameCurrent, null);
    }

    @Override
    public String symbol() {
        return tick.symbol();
    }
}
