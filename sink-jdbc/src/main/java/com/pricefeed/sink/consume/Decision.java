package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;

import java.util.List;

/** What the sink does about a failed write (the failed batch is still first in line) or a failed set-aside. */
public sealed interface Decision {

    Exception cause();

    /** Write the same again after a backoff: the database failed, not the data. */
    record Retry(Exception cause) implements Decision {
    }

    /** Write the two halves in order instead of the batch: one of its records is poison. */
    record Split(List<Batch> halves, Exception cause) implements Decision {
    }

    /** The batch's only record is poison: store it in {@code sink_rejected_records} and move past it. */
    record SetAside(BatchRecord record, Exception cause) implements Decision {
    }

    /** Someone already committed (part of) it: drop everything read and start again from the stored positions. */
    record DropAndReposition(Exception cause) implements Decision {
    }

    /** The history id sequence is behind rows already written: advance it past them, then write the same again. */
    record RepairSequence(Exception cause) implements Decision {
    }
}
