package com.pricefeed.processor.master;

import com.pricefeed.schemas.history.HistoryEvent;

import java.util.Objects;

/**
 * What one accepted tick or effective delisting produces: always a history event, and what {@code realtime-symbols}
 * is to get, if anything: a new master for a tick that became current on a listed (or relisted) symbol, a tombstone
 * for a delisting, nothing for a late tick or a tick of a delisted symbol.
 *
 * @param history   the value for {@code price-history}
 * @param published the value for {@code realtime-symbols}, or {@code null} when it is not to change
 */
public record TickOutcome(HistoryEvent history, Published published) {

    public TickOutcome {
        Objects.requireNonNull(history, "history");
    }

    public boolean publishes() {
        return published != null;
    }
}
