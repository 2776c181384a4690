package com.pricefeed.sink.master;

import com.pricefeed.platform.config.DatabaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the dead row versions of {@code realtime_symbols} bounded where autovacuum does not: it is off, or visits
 * too seldom a small table whose every row is updated several times a second. HOT updates (V14) let page accesses
 * prune most old versions, but not those of updates that found no room on their page; only VACUUM reclaims those.
 * After every {@code after} master rows this sink updated, it runs {@code VACUUM realtime_symbols} on a thread and
 * connection of its own, so no batch waits for it; a run still going when the next is due absorbs it. A role that
 * may not vacuum the table is told once, in the log, and not asked again.
 */
public final class MasterVacuum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MasterVacuum.class);

    private final DatabaseConfig database;
    private final long after;
    private final AtomicLong updated = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread vacuum = new Thread(runnable, "price-sink-master-vacuum");
        vacuum.setDaemon(true);
        return vacuum;
    });
    private volatile boolean refused;

    /** @param after master row updates between two runs; 0 never runs */
    public MasterVacuum(DatabaseConfig database, long after) {
        this.database = database;
        this.after = after;
    }

    /** Counts the master rows a committed batch updated; starts a run once {@code after} have accumulated. */
    public void updated(int masterRows) {
        if (after == 0 || refused || updated.addAndGet(masterRows) < after || !running.compareAndSet(false, true)) {
            return;
        }
        updated.set(0);
        thread.execute(this::vacuum);
    }

    /** Runs that completed. */
    public long runs() {
        return runs.get();
    }

    private void vacuum() {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            String skipped = MasterRepository.vacuum(connection);
            if (skipped != null) {
                refused = true;
                log.warn("PostgreSQL skipped VACUUM realtime_symbols ({}): dead row versions of the master table are "
                        + "bounded only by autovacuum now. Make the role that migrates (DATABASE_MIGRATION_USER) the table's "
                        + "owner, grant it MAINTAIN (PostgreSQL 17+), or turn autovacuum on; SINK_MASTER_VACUUM_AFTER=0 silences this", skipped);
                return;
            }
            runs.incrementAndGet();
            log.debug("VACUUM realtime_symbols took {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (SQLException e) {
            log.warn("VACUUM realtime_symbols failed, tried again after {} more master updates: {}", after, e.getMessage());
        } finally {
            running.set(false);
        }
    }

    /** Whether PostgreSQL refused a run (the role may not vacuum the table), which stops further runs. */
    boolean refused() {
        return refused;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
