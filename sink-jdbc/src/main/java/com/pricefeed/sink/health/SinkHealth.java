package com.pricefeed.sink.health;

import com.pricefeed.platform.ops.Health;

/**
 * How the sink's writing goes, for readiness: whether the database is failing it, and why. Written by the consumer
 * thread, read by the ops server's.
 */
public final class SinkHealth {

    private volatile String databaseProblem;

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

    /** Why the sink cannot write right now, or up. */
    public Health.Status status() {
        String problem = databaseProblem;
        return problem == null ? Health.Status.up() : Health.Status.down("database writes failing, retrying: " + problem);
    }
}
