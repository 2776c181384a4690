package com.pricefeed.sink.health;

import com.pricefeed.platform.ops.Health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How the sink's writing goes, for readiness: whether the database is failing it (and why), and whether records
 * have waited for a commit longer than the bound. Written by the consumer thread, read by the ops server's.
 */
public final class SinkHealth {

    private final Clock clock;
    private final Duration maxCommitWait;
    private volatile String databaseProblem;
    /** Since when records read have waited without a commit, or null while none waits. */
    private volatile Instant waitingSince;

    /** @param maxCommitWait how long records may wait for a commit before the sink reports itself not ready */
    public SinkHealth(Clock clock, Duration maxCommitWait) {
        this.clock = clock;
        this.maxCommitWait = maxCommitWait;
    }

    /** The database failed the last attempt, for this reason. */
    public void failing(String problem) {
        databaseProblem = problem;
    }

    public boolean databaseFailing() {
        return databaseProblem != null;
    }

    /** The database succeeded; returns whether it had been failing until now. */
    public boolean recovered() {
        boolean wasFailing = databaseProblem != null;
        databaseProblem = null;
        return wasFailing;
    }

    /** Whether read records wait to be written right now; the wait counts from when they started waiting. */
    public void waiting(boolean recordsWait) {
        if (!recordsWait) {
            waitingSince = null;
        } else if (waitingSince == null) {
            waitingSince = clock.instant();
        }
    }

    /** A batch committed: whatever still waits has waited since now. */
    public void committed() {
        if (waitingSince != null) {
            waitingSince = clock.instant();
        }
    }

    /** Why the sink cannot write right now, or up. */
    public Health.Status status() {
        String problem = databaseProblem;
        if (problem != null) {
            return Health.Status.down("database writes failing, retrying: " + problem);
        }
        Instant since = waitingSince;
        Duration waited = since == null ? Duration.ZERO : Duration.between(since, clock.instant());
        if (waited.compareTo(maxCommitWait) > 0) {
            return Health.Status.down("no commit for " + waited.toSeconds() + " s while records wait to be written (bound "
                    + maxCommitWait.toSeconds() + " s)");
        }
        return Health.Status.up();
    }
}
