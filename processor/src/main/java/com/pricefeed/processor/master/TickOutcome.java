package com.pricefeed.processor.master;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;

import java.util.Objects;

/**
 * What one accepted tick produces: always a history record, and a new master record when it became current.
 *
 * @param history   the value for {@code price-history}
 * @param newMaster the value for {@code realtime-symbols}, or {@code null} for a late tick
 */
public record TickOutcome(HistoryRecord history, MasterRecord newMaster) {

    public TickOutcome {
        Objects.requireNonNull(history, "history");
        if (history.becameCurrent() != (newMaster != null)) {
            throw new IllegalArgumentException("A new master goes with, and only with, a tick that became current");
        }
    }

    public boolean becameCurrent() {
        return newMaster != null;
    }
}
