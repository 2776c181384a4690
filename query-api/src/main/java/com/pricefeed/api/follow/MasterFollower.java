package com.pricefeed.api.follow;

import com.pricefeed.api.prices.CurrentRows;
import com.pricefeed.api.prices.Price;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.ops.Health;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Follows the committed master rows: one dedicated connection ({@link ListeningConnection}) LISTENs on the channel on
 * which the sink names, inside each batch transaction, the symbols the batch upserted; PostgreSQL delivers those
 * notifications only when the batch commits, and in commit order. On each wake-up the follower reads the rows of the
 * named symbols by key, so following costs what changed, not what exists. It reads every row when it (re)connects,
 * since notifications sent meanwhile are lost, and every {@code resyncInterval} it also reads every row committed
 * since its previous such read, a safety net for a write that announced nothing; a payload it does not understand
 * triggers that read at once. Both are walks over the table by key, a page of {@value #WALK_PAGE} symbols at a time
 * between the reads of what notifications name ({@link Walks}), so a large table does not hold the stream's events
 * up for longer than one page. All reads run one after another on the one connection, each in a snapshot taken after
 * the previous one ended, which is what keeps the rows taken in, and the stream's events, in commit order
 * ({@link CommittedRows}).
 *
 * <p>Rows are fresh while the last confirmed read began at most the asked bound ago (see {@link Freshness}); when
 * idle the follower still makes a round trip at least every {@link #pollFor poll interval}, so an idle database
 * keeps them fresh, and a connection that stops answering is noticed: the socket timeout ({@code listenTimeout})
 * ends it and the follower reconnects, and {@link #health()} reports it not ready meanwhile.
 */
public final class MasterFollower implements CurrentRows, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MasterFollower.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /**
     * Symbols per page of a walk over the master rows: what one page holds the reads of notified changes up for
     * (a few milliseconds), and how many round trips a walk over the table takes (200 at 100,000 symbols).
     */
    static final int WALK_PAGE = 500;
    /** The least time between two pages of the safety net: a walk of 100,000 symbols takes at least 2 s. */
    private static final Duration SAFETY_NET_PAUSE = Duration.ofMillis(10);

    private final DatabaseConfig database;
    private final CommittedRows rows;
    /** The staleness bound of {@link #freshRow} in nanoseconds; 0 when lookups must always read the database. */
    private final long maxStalenessNanos;
    private final Duration listenTimeout;
    private final long resyncNanos;
    private final Duration poll;
    private final LongSupplier nanoTime;
    private final Freshness freshness;
    private final ReadCounts counts;
    private volatile boolean running;
    private volatile String notFollowingBecause = "price stream not connected to the database yet";
    private volatile Connection listening;
    private Thread thread;

    public MasterFollower(DatabaseConfig database, CommittedRows rows, Duration maxStaleness, Duration listenTimeout,
                          Duration resyncInterval, MeterRegistry registry) {
        this.database = database;
        this.rows = rows;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.listenTimeout = listenTimeout;
        this.resyncNanos = resyncInterval.toNanos();
        this.poll = pollFor(maxStaleness, listenTimeout);
        this.nanoTime = System::nanoTime;
        this.freshness = new Freshness(nanoTime);
        this.counts = new ReadCounts(registry);
        Gauge.builder("stream.rows.age", this, MasterFollower::rowsAgeSeconds).baseUnit("seconds")
                .description("Time since the last confirmed read of committed master changes began (NaN while not following them)")
                .register(registry);
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "master-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the follower is connected and has read every row since; streams are refused while it is not. */
    public boolean following() {
        return freshness.following();
    }

    /** The rows followed, for the stream's snapshots. */
    public CommittedRows rows() {
        return rows;
    }

    @Override
    public Optional<Price> freshRow(String symbol) {
        if (maxStalenessNanos == 0 || !freshness.within(maxStalenessNanos)) {
            return Optional.empty();
        }
        return rows.row(symbol);
    }

    /** Ready while following with a confirmed read within {@code listenTimeout}; otherwise why not. */
    public Health.Status health() {
        if (!freshness.following()) {
            return Health.Status.down(notFollowingBecause);
        }
        if (!freshness.within(listenTimeout.toNanos())) {
            return Health.Status.down("price stream has heard nothing from the database for "
                    + Duration.ofNanos(freshness.ageNanos()).toSeconds() + " s, more than its bound of "
                    + listenTimeout.toSeconds() + " s");
        }
        return Health.Status.up();
    }

    @Override
    public void close() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            abort(listening);
            try {
                current.join(listenTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try (Connection connection = ListeningConnection.open(database, listenTimeout)) {
                listening = connection;
                follow(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                notFollowingBecause = e instanceof NotMigrated ? e.getMessage() : "price stream lost the database; reconnecting";
                log.warn("Following committed prices stopped ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
            } finally {
                listening = null;
            }
            backoff = freshness.following() ? FIRST_BACKOFF : backoff;
            freshness.lost();
            if (!pause(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /**
     * Reads what each wake-up asks for, interleaved with the pages of the walks ({@link Walks}): every row first, then
     * the safety net; until stopped or the connection fails.
     */
    private void follow(Connection connection) throws SQLException {
        MasterReads masters = new MasterReads(connection, counts);
        PGConnection pg = connection.unwrap(PGConnection.class);
        requireMigrated(masters);
        Walks walks = Walks.afterConnecting(resyncNanos, SAFETY_NET_PAUSE.toNanos());
        int pollMillis = (int) poll.toMillis();
        Notified notified = Notified.of(List.of());
        while (running) {
            long began = nanoTime.getAsLong();
            read(masters, notified, walks, began);
            // Notifications of commits made before the read began arrived before its answer: none left means the
            // rows reflect every one of those commits.
            notified = notified(pg.getNotifications());
            if (notified.none()) {
                if (walks.confirmable()) {
                    freshness.confirm(began);
                }
                long untilPage = walks.untilNextPage(nanoTime.getAsLong());
                if (untilPage > 0) {
                    // Wakes for a notification at once; otherwise when the next page is due, or to ping.
                    notified = notified(pg.getNotifications(
                            (int) Math.max(1, Math.min(pollMillis, TimeUnit.NANOSECONDS.toMillis(untilPage)))));
                }
            }
        }
    }

    /**
     * Reads the rows the notifications name, by key, and the next page of a walk when one is under way or due; pings
     * when there is neither.
     */
    private void read(MasterReads masters, Notified notified, Walks walks, long began) throws SQLException {
        if (notified.unrecognized()) {
            walks.unannounced();
        }
        boolean read = false;
        if (!notified.symbols().isEmpty()) {
            rows.apply(masters.bySymbol(notified.symbols()));
            read = true;
        }
        Optional<Walks.Walk> walk = walks.next(began);
        if (walk.isPresent()) {
            if (walk.get().first()) {
                requireMigrated(masters);
            }
            MasterReads.Page page = masters.page(walk.get().after(), WALK_PAGE, walk.get().since());
            rows.apply(page.rows());
            walks.read(page, nanoTime.getAsLong());
            read = true;
        }
        if (!read) {
            masters.ping();
        }
    }

    private static void requireMigrated(MasterReads masters) throws SQLException {
        Health.Status schema = masters.migrations();
        if (!schema.ready()) {
            throw new NotMigrated(schema.detail());
        }
    }

    private Notified notified(PGNotification[] notifications) {
        List<String> payloads = notifications == null ? List.of()
                : Arrays.stream(notifications).map(PGNotification::getParameter).toList();
        Notified notified = Notified.of(payloads);
        if (notified.unrecognized()) {
            log.warn("A change notification on {} is not in the format this API reads (a sink of another version?): "
                    + "reading every change since the last horizon instead", ListeningConnection.CHANNEL);
        }
        return notified;
    }

    private double rowsAgeSeconds() {
        return freshness.following() ? freshness.ageNanos() / 1e9 : Double.NaN;
    }

    /** At most a second, at least twice per staleness bound and four times per listen timeout. */
    static Duration pollFor(Duration maxStaleness, Duration listenTimeout) {
        Duration poll = listenTimeout.dividedBy(4).compareTo(MAX_POLL) < 0 ? listenTimeout.dividedBy(4) : MAX_POLL;
        if (!maxStaleness.isZero() && maxStaleness.dividedBy(2).compareTo(poll) < 0) {
            poll = maxStaleness.dividedBy(2);
        }
        return poll.compareTo(MIN_POLL) < 0 ? MIN_POLL : poll;
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void abort(Connection connection) {
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // stopping; the connection is being closed anyway
            }
        }
    }

    /** The schema is not (or no longer) what the API reads: not following until the sink has migrated it. */
    private static final class NotMigrated extends RuntimeException {
        NotMigrated(String reason) {
            super(reason, null, false, false);
        }
    }

}
