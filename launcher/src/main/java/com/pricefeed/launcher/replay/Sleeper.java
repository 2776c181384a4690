package com.pricefeed.launcher.replay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; a seam so that pacing is tested without real waiting. */
@FunctionalInterface
interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
