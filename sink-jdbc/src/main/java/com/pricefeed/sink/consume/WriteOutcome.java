package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.write.WriteResult;

import java.time.Duration;

/**
 * How the write of one batch ended.
 *
 * @param batch   the batch
 * @param result  what the committed transaction wrote, or {@code null} when it failed
 * @param took    how long it took
 * @param failure why it failed, or {@code null} when it committed
 */
record WriteOutcome(Batch batch, WriteResult result, Duration took, Exception failure) {

    boolean committed() {
        return failure == null;
    }
}
