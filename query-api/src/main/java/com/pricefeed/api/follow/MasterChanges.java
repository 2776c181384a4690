package com.pricefeed.api.follow;

import com.pricefeed.api.prices.Price;

/** Told of each committed master row the follower takes in that differs from the one it held. */
@FunctionalInterface
public interface MasterChanges {

    /** Called in the order the rows are taken in, one at a time, under the lock of {@link CommittedRows}. */
    void changed(Price row);
}
