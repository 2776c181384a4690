package com.pricefeed.sink.batch;

/**
 * The offsets one batch covers in one partition.
 *
 * @param first the offset of the batch's first record in the partition
 * @param next  the offset after its last record: where the partition resumes once the batch is committed
 */
public record OffsetRange(long first, long next) {

    public OffsetRange {
        if (first < 0 || next <= first) {
            throw new IllegalArgumentException("Not a non-empty offset range: [" + first + ", " + next + ")");
        }
    }
}
