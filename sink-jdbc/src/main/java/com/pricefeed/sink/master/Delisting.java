package com.pricefeed.sink.master;

import java.time.Instant;
import java.util.Objects;

/**
 * What a batch asks of one symbol's master row on its delisting: mark it delisted at {@code delistedAt}, keeping its
 * last price and link, unless its last price is newer than the delisting or a newer delisting is in force.
 *
 * @param symbol     the symbol
 * @param delistedAt the delisting's source time
 */
public record Delisting(String symbol, Instant delistedAt) {

    public Delisting {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(delistedAt, "delistedAt");
    }
}
