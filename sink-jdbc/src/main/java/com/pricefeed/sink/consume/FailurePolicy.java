package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.write.Failure;

/**
 * Decides what a failure means for the sink, from the failure alone: a pure function, so that every path is a
 * unit test. A record is only ever set aside for a fault of its own ({@link Failure#DATA}), once the batch has
 * been split down to that record.
 */
public final class FailurePolicy {

    private FailurePolicy() {
    }

    /** After the write of {@code failed} threw {@code error}. */
    public static Decision afterWrite(Batch failed, Exception error) {
        return switch (Failure.of(error)) {
            case DATA -> failed.size() > 1
                    ? new Decision.Split(failed.split(), error)
                    : new Decision.SetAside(failed.records().get(0), error);
            case POSITION_CONFLICT -> new Decision.DropAndReposition(error);
            case SEQUENCE_BEHIND -> new Decision.RepairSequence(error);
            case RETRY -> new Decision.Retry(error);
        };
    }

    /** After storing a poison record failed: it is retried, never skipped unrecorded. */
    public static Decision afterSetAside(Exception error) {
        return Failure.of(error) == Failure.POSITION_CONFLICT ? new Decision.DropAndReposition(error) : new Decision.Retry(error);
    }
}
