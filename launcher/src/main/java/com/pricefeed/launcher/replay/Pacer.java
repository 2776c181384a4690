package com.pricefeed.launcher.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Spaces ticks out the way their source timestamps were, optionally faster.
 *
 * <p>Row times are measured from the first paced tick: a tick stamped {@code g} after it is due {@code g / speed}
 * after the first one was sent. Each delay is computed against that fixed start, so time spent sending does not
 * accumulate as drift. The replay clock only moves forward: a late tick (stamped earlier than one already sent) is
 * due at once, not back in the past nor after a wait.
 */
final class Pacer {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double speed;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private Instant first;
    private Instant latest;
    private long startNanos;

    private Pacer(double speed, LongSupplier nanoTime, Sleeper sleeper) {
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /**
     * @param speed    1 for the original pace, N for N times faster; must be positive and finite
     * @param nanoTime a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     */
    static Pacer scaled(double speed, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        return new Pacer(speed, nanoTime, sleeper);
    }

    /** No waiting at all. */
    static Pacer asFastAsPossible() {
        return new Pacer(Double.POSITIVE_INFINITY, () -> 0L, duration -> { });
    }

    boolean paced() {
        return !Double.isInfinite(speed);
    }

    /** Waits until the tick stamped {@code sourceTimestamp} is due. */
    void awaitTurn(Instant sourceTimestamp) throws InterruptedException {
        Duration delay = delayBefore(sourceTimestamp);
        if (!delay.isZero()) {
            sleeper.sleep(delay);
        }
    }

    /** How long to wait before sending the tick stamped {@code sourceTimestamp}; zero when it is due already. */
    Duration delayBefore(Instant sourceTimestamp) {
        if (!paced()) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        if (first == null) {
            first = sourceTimestamp;
            latest = sourceTimestamp;
            startNanos = now;
            return Duration.ZERO;
        }
        if (sourceTimestamp.isAfter(latest)) {
            latest = sourceTimestamp;
        }
        long waitNanos = scaledNanos(Duration.between(first, latest)) - (now - startNanos);
        return waitNanos > 0 ? Duration.ofNanos(waitNanos) : Duration.ZERO;
    }

    private long scaledNanos(Duration sinceFirst) {
        double nanos = (sinceFirst.getSeconds() * NANOS_PER_SECOND + sinceFirst.getNano()) / speed;
        return nanos >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : Math.round(nanos);
    }
}
