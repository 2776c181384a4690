package com.pricefeed.sink.master;

import com.pricefeed.schemas.master.MasterRecord;

import java.time.Instant;
import java.util.Objects;

/**
 * What a batch proposes as the master row of one symbol.
 *
 * @param master     the newest became-current tick of the symbol in the batch, with metadata merged from the ones before it
 * @param historyId  the id of that tick's history row, written in the same transaction
 * @param delistedAt the delisting in force when the processor made that tick current (a late tick of a delisted
 *                   symbol), or null: the row is listed
 */
public record MasterCandidate(MasterRecord master, long historyId, Instant delistedAt) {

    public MasterCandidate {
        Objects.requireNonNull(master, "master");
    }
}
