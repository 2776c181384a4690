package com.pricefeed.processor.master;

import com.pricefeed.schemas.master.MasterRecord;

/**
 * What {@code realtime-symbols} is to get for a symbol: its new master, or a tombstone when it was delisted. Kept as
 * such in the conflating {@code latest-master} table, so that a tombstone is a value like any master there (the last
 * one of a commit interval wins, whichever it is) and does not depend on the table having seen the symbol before.
 *
 * @param master the master to publish, or {@code null} for a tombstone
 */
public record Published(MasterRecord master) {

    public static final Published TOMBSTONE = new Published(null);

    public boolean tombstone() {
        return master == null;
    }
}
