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
 * reports the default partition's rows. A failed round is logged and tried again at the next.
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
    private final AtomicLong defaultRows = new AtomicLong();
    private final Counter created;
    private final Counter dropped;
    private final Counter failures;

    public PartitionMaintenance(DataSource dataSource, HistoryPartitioning settings, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("prices.sink.history.default.partition.rows", defaultRows, AtomicLong::get)
                .description("History rows in the default partition (0 while partitions are created ahead of the ticks)")
                .register(registry);
        created = Counter.builder("prices.sink.history.partitions.created").description("History partitions created").register(registry);
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
        defaultRows.set(Transactions.inTransaction(dataSource, PartitionRepository::defaultRows));
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
