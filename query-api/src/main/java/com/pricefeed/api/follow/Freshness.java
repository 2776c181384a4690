package com.pricefeed.api.follow;

import java.util.function.LongSupplier;

/**
 * How current the rows the follower holds are: while it follows the database, every commit made before the last
 * confirmed read began has been taken in. A read is confirmed when no notification was left waiting after it, so
 * the commits before it were all announced and read.
 */
final class Freshness {

    private final LongSupplier nanoTime;
    private volatile boolean following;
    /** {@link System#nanoTime()} when the last confirmed read began; meaningful while {@link #following}. */
    private volatile long confirmedAt;

    Freshness(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void confirm(long readBegan) {
        confirmedAt = readBegan;
        following = true;
    }

    void lost() {
        following = false;
    }

    boolean following() {
        return following;
    }

    /** Whether the rows are known to reflect every commit made up to {@code boundNanos} ago. */
    boolean within(long boundNanos) {
        return following && ageNanos() <= boundNanos;
    }

    /** Nanoseconds since the last confirmed read began. */
    long ageNanos() {
        return nanoTime.getAsLong() - confirmedAt;
    }
}
