package com.pricefeed.schemas.tick;

import java.time.Instant;
import java.util.Objects;

/**
 * A lifecycle record of {@code price-ticks} that delists a symbol, after parsing and normalization (the publisher's
 * {@code {"symbol":"ACME","event":"delisted","source_timestamp":"2026-12-06T12:00:00Z","provider":"nasdaq"}}).
 *
 * <p>It takes effect when it is newer than the delisting already in force and not older than the symbol's last price:
 * the symbol leaves {@code realtime-symbols} and keeps its last price. Any tick newer than it relists the symbol.
 *
 * @param symbol     the normalized symbol, as for a tick
 * @param delistedAt the record's {@code source_timestamp}: from when the symbol is no longer listed
 * @param provider   the normalized provider code, as for a tick
 */
public record Delisting(String symbol, Instant delistedAt, String provider) {

    /** The value of {@code event} that makes a record of {@code price-ticks} a delisting. */
    public static final String EVENT = "delisted";

    public Delisting {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(delistedAt, "delistedAt");
        Objects.requireNonNull(provider, "provider");
    }
}
