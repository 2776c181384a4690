package com.pricefeed.sink.schema;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.sink.consume.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Brings the database to the schema before the sink consumes (creates it when missing, migrates it), retrying
 * with backoff while PostgreSQL cannot be reached: a sink started before its database waits for it, not ready
 * meanwhile, instead of dying.
 */
public final class SchemaPreparation {

    private static final Logger log = LoggerFactory.getLogger(SchemaPreparation.class);

    private final DatabaseConfig database;
    private final Backoff backoff;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile String problem = "not prepared yet";
    private volatile boolean attempted;

    public SchemaPreparation(DatabaseConfig database, Backoff backoff) {
        this.database = database;
        this.backoff = backoff;
    }

    /** Tries once; returns whether the schema is prepared. */
    public boolean attempt() {
        try {
            DatabaseSchema.prepare(database);
            if (attempted) {
                log.info("Database schema prepared; starting to consume");
            }
            problem = null;
            return true;
        } catch (RuntimeException e) {
            if (attempted) {
                log.warn("Database schema still cannot be prepared: {}", e.getMessage());
            } else {
                log.warn("Cannot prepare the database schema yet; not ready, retrying with backoff", e);
            }
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return false;
        } finally {
            attempted = true;
        }
    }

    /** Returns true once the schema is prepared, retrying with backoff; false when {@link #stop()} came first. */
    public boolean awaitPrepared() {
        while (problem != null) {
            if (attempted && stoppedDuringBackoff()) {
                return false;
            }
            attempt();
        }
        return true;
    }

    /** Ends {@link #awaitPrepared()} at once. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Why the schema is not prepared yet, or null once it is. */
    public String problem() {
        return problem;
    }

    private boolean stoppedDuringBackoff() {
        Duration wait = backoff.next();
        try {
            return stopRequested.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
