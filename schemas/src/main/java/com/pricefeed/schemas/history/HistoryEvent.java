package com.pricefeed.schemas.history;

import java.time.Instant;

/**
 * A value on {@code price-history}, keyed by its symbol, in the order the processor decided it for that symbol: an
 * accepted tick ({@link HistoryRecord}) or a delisting that took effect ({@link SymbolDelisting}). On the topic in the
 * binary form of {@link HistoryEventSerde}.
 */
public sealed interface HistoryEvent permits HistoryRecord, SymbolDelisting {

    /** The symbol this event is about, also the record's key. */
    String symbol();

    /** When the processor accepted it. */
    Instant receivedAt();
}
