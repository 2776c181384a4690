package com.pricefeed.sink.partitions;

import com.pricefeed.sink.write.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every {@link HistoryPartitioning#maintenance()}, on a thread of its own: creates the partitions from one step
 * back to {@link HistoryPartitioning#ahead()} past now, applies retention when it is on (detach the partitions
 * before the horizon, then drop them and validate the master's link, each in a transaction of its own), and
 * reports how far ahead of now the partitions reach ({@code prices_sink_history_partitions_ahead_seconds}: about
 * {@link HistoryPartitioning#ahead()} while the rounds succeed; at or below 0 the writer creates each new day's
 * partition itself, before its first batch). A failed round is logged and tried again at the next.
 */
public final class PartitionMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);
    /** The longest retention waits for its locks; it tries again next round rather than queue writes behind it. */
    static final Duration RETENTION_LOCK_WAIT = Duration.ofMillis(200);

    private final DataSource dataSource;
    private final HistoryPartitioning settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "history-partition-maintenance");
        thread.setDaemon(true);
        return thread;
    });
    /** Milliseconds since 1970 of the newest partition's upper bound; 0 until the first round read it. */
    private final AtomicLong coveredUntil = new AtomicLong();
    private final Counter created;
    private final Counter dropped;
    private final Counter failures;

    public PartitionMaintenance(DataSource dataSource, HistoryPartitioning settings, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("prices.sink.history.partitions.ahead", this, PartitionMaintenance::secondsAhead)
                .baseUnit("seconds")
                .description("How far past now the history partitions reach (about HISTORY_PARTITIONS_AHEAD while maintenance "
                        + "succeeds; NaN before its first round)")
                .register(registry);
        created = createdCounter(registry, "maintenance");
        dropped = Counter.builder("prices.sink.history.partitions.dropped").description("History partitions dropped by retention").register(registry);
        failures = Counter.builder("prices.sink.history.maintenance.failures").description("Partition maintenance rounds that failed").register(registry);
    }

    /** Runs a round now, then one every {@link HistoryPartitioning#maintenance()}. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::round, 0, settings.maintenance().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round; public so a test or the benchmark can run it at a chosen moment. */
    public void round() {
        try {
            runRound();
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            log.warn("History partition maintenance failed, trying again in {}: {}", settings.maintenance(), e.getMessage());
        }
    }

    private void runRound() throws SQLException {
        Instant now = clock.instant();
        created.increment(Transactions.inTransaction(dataSource,
                connection -> PartitionRepository.ensure(connection, now.minus(settings.step()), now.plus(settings.ahead()), settings)));
        Optional<Instant> horizon = settings.horizon(now);
        if (horizon.isPresent()) {
            int detached = Transactions.inTransaction(dataSource,
                    connection -> PartitionRepository.detachBefore(connection, horizon.get(), RETENTION_LOCK_WAIT));
            Transactions.inTransaction(dataSource, PartitionRepository::dropDetached);
            Transactions.inTransaction(dataSource, connection -> {
                PartitionRepository.validateLinks(connection);
                return null;
            });
            if (detached > 0) {
                dropped.increment(detached);
                log.info("Retention dropped {} history partition(s) before {}", detached, horizon.get());
            }
        }
        Transactions.inTransaction(dataSource, PartitionRepository::coveredUntil)
                .ifPresent(until -> coveredUntil.set(until.toEpochMilli()));
    }

    private double secondsAhead() {
        long until = coveredUntil.get();
        return until == 0 ? Double.NaN : (until - clock.millis()) / 1000.0;
    }

    /**
     * The count of partitions created, by whom: {@code maintenance} (ahead of time) or {@code writer} (on demand,
     * before a batch whose ticks fall in a range no partition covered).
     */
    static Counter createdCounter(MeterRegistry registry, String by) {
        return Counter.builder("prices.sink.history.partitions.created")
                .description("History partitions created, by the maintenance task ahead of time or by the writer on demand")
                .tag("by", by)
                .register(registry);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
