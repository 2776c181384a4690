package com.pricefeed.schemas.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A delisting that took effect: from {@code delistedAt} on, the symbol is delisted; its last price stays. Written to
 * {@code price-history} only when the processor made it the delisting in force (newer than the symbol's last price and
 * than any earlier delisting); a newer tick relists the symbol, which its {@link HistoryRecord} says with
 * {@code becameCurrent} and no {@code delistedAt}.
 *
 * @param symbol     the normalized symbol
 * @param delistedAt the lifecycle record's {@code source_timestamp}: when the symbol stopped being listed
 * @param provider   the normalized code of the provider that delisted it
 * @param receivedAt when the processor accepted the lifecycle record
 */
public record SymbolDelisting(String symbol, Instant delistedAt, String provider, Instant receivedAt)
        implements HistoryEvent {

    public SymbolDelisting {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(delistedAt, "delistedAt");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
