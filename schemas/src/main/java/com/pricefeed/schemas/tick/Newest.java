package com.pricefeed.schemas.tick;

import java.util.Comparator;

/**
 * The one rule that decides which of two ticks of a symbol is the current one.
 *
 * <p>The greater {@code source_timestamp} wins. On a tie the winner is decided by the tick's content, never by
 * arrival order, so every permutation of the same ticks yields the same master: the greater provider code, then
 * the greater price (by value: {@code 1.5} equals {@code 1.50}), then the greater volume (a missing volume counts as
 * smallest). Two ticks equal on all of these are the same observation (see {@link TickIdentity}): the current one
 * stays.
 */
public final class Newest {

    public static final Comparator<PriceTick> ORDER = Comparator
            .comparing(PriceTick::sourceTimestamp)
            .thenComparing(PriceTick::provider)
            .thenComparing(PriceTick::price)
            .thenComparing(PriceTick::volume, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Newest() {
    }

    /** Whether {@code candidate} replaces {@code current} as the master tick; {@code current} may be null. */
    public static boolean replaces(PriceTick candidate, PriceTick current) {
        return current == null || ORDER.compare(candidate, current) > 0;
    }
}
