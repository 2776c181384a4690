package com.pricefeed.api.stream;

import com.pricefeed.api.prices.CurrentRows;
import com.pricefeed.api.prices.Price;
import com.pricefeed.database.Channels;
import com.pricefeed.platform.config.DatabaseConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Pushes committed master changes to stream subscribers. One dedicated connection LISTENs on
 * {@value #CHANNEL}, which the sink notifies inside each batch transaction, so a notification arrives only after
 * the rows are committed. On each notification (and every {@link #POLL} as a safety net) one query reads the master
 * rows committed since the previous read, by transaction horizon rather than by history id (see
 * {@link StreamRepository}), and fans out those newer than the row held for their symbol.
 *
 * <p>The hub keeps the current row of every symbol, so a new client's snapshot costs no query; the rows are reread
 * whenever the listening connection (re)connects, since notifications sent meanwhile are lost. Each row the hub
 * takes in gets the next <em>position</em>: the order in which this hub saw the commits. Clients receive events in
 * position order, so a resuming client ({@code Last-Event-ID}) gets exactly the rows of its symbols positioned after
 * the one it saw last, whatever their history ids. An id this hub does not remember (another instance served it, or
 * it is older than {@value #REMEMBERED_IDS} changes) resumes with the full snapshot of the requested symbols:
 * possibly repeating, never missing a change.
 *
 * <p>The same rows answer current-price lookups ({@link CurrentRows}) while they are fresh: while the last read that
 * completed began at most {@code maxStaleness} ago. Such a read saw every commit made before it began, so a row
 * served then has been superseded in the database for at most {@code maxStaleness}. The safety-net poll runs at
 * least twice per {@code maxStaleness}, so an idle database keeps the rows fresh too.
 */
public final class StreamHub implements AutoCloseable, CurrentRows {

    public static final String CHANNEL = Channels.REALTIME_SYMBOLS_CHANGED;
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final int REMEMBERED_IDS = 100_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DatabaseConfig database;
    /** The staleness bound in nanoseconds; 0 when lookups must always read the database. */
    private final long maxStalenessNanos;
    private final Duration poll;
    private final Duration heartbeat;
    private final int clientBuffer;
    private final int maxClients;
    private final Function<Price, String> toJson;
    private final Map<String, Set<Subscriber>> bySymbol = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clients = new AtomicInteger();
    private final Map<String, Held> current = new ConcurrentHashMap<>();
    /** History id to position, for resuming clients; guarded by {@code this}. */
    private final Map<Long, Long> positions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private final Counter dropped;
    private final Counter events;
    private volatile boolean running;
    private volatile boolean live;
    private volatile Connection listening;
    /** {@link System#nanoTime()} when the last completed read began; meaningful while {@link #live}. */
    private volatile long freshAsOf;
    private Thread listener;
    private long position;

    public StreamHub(DatabaseConfig database, Duration maxStaleness, Duration heartbeat, int clientBuffer,
                     int maxClients, Function<Price, String> toJson, MeterRegistry registry) {
        this.database = database;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.poll = pollFor(maxStaleness);
        this.heartbeat = heartbeat;
        this.clientBuffer = clientBuffer;
        this.maxClients = maxClients;
        this.toJson = toJson;
        this.writers = Executors.newFixedThreadPool(4, daemon("stream-writer"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("stream-heartbeat"));
        registry.gauge("stream.clients", clients);
        this.dropped = Counter.builder("stream.clients.dropped").description("Stream clients dropped as too slow")
                .register(registry);
        this.events = Counter.builder("stream.changes").description("Committed master changes fanned out")
                .register(registry);
        Gauge.builder("stream.rows.age", this, StreamHub::rowsAgeSeconds).baseUnit("seconds")
                .description("Time since the last read of committed master changes began (NaN while not following them)")
                .register(registry);
    }

    public void start() {
        running = true;
        listener = daemon("stream-listener").newThread(this::listen);
        listener.start();
        heartbeats.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a subscriber for {@code symbols} together with the rows it is to start with: the current row of each
     * symbol, or for a resuming client the rows positioned after {@code lastEventId}. Both happen under the hub's
     * lock, so every later change is queued for the subscriber and none is both in its first rows and queued.
     *
     * @return empty when the hub is full or stopped
     */
    synchronized Optional<Subscription> subscribe(List<String> symbols, OptionalLong lastEventId) {
        if (!running || clients.get() >= maxClients) {
            return Optional.empty();
        }
        clients.incrementAndGet();
        Subscriber subscriber = new Subscriber(new LinkedHashSet<>(symbols), clientBuffer, writers, toJson);
        subscribers.add(subscriber);
        symbols.forEach(symbol -> bySymbol.computeIfAbsent(symbol, key -> ConcurrentHashMap.newKeySet()).add(subscriber));
        Long after = lastEventId.isPresent() ? positionOf(lastEventId.getAsLong()) : null;
        List<Price> initial = symbols.stream()
                .map(current::get)
                .filter(Objects::nonNull)
                .filter(held -> after == null || held.position() > after)
                .sorted(Comparator.comparingLong(Held::position))
                .map(Held::price)
                .toList();
        return Optional.of(new Subscription(subscriber, initial));
    }

    void unsubscribe(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            clients.decrementAndGet();
            subscriber.symbols().forEach(symbol -> bySymbol.computeIfPresent(symbol, (key, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            }));
        }
        subscriber.close();
    }

    /** Whether the hub is connected and its rows are current; streams are refused while it is not. */
    public boolean live() {
        return live;
    }

    @Override
    public Optional<Price> freshRow(String symbol) {
        if (!live || maxStalenessNanos == 0 || System.nanoTime() - freshAsOf > maxStalenessNanos) {
            return Optional.empty();
        }
        Held held = current.get(symbol);
        return held == null ? Optional.empty() : Optional.of(held.price());
    }

    void countDropped() {
        dropped.increment();
    }

    int clientCount() {
        return clients.get();
    }

    @Override
    public void close() {
        running = false;
        heartbeats.shutdownNow();
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(poll.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(listening);
        List.copyOf(subscribers).forEach(this::unsubscribe);
        writers.shutdownNow();
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                PGConnection pg = connection.unwrap(PGConnection.class);
                long readBegan = System.nanoTime();
                StreamRepository.Changes changes = StreamRepository.committedSince(connection, OptionalLong.empty());
                apply(changes.prices());
                freshAsOf = readBegan;
                live = true;
                backoff = Duration.ofMillis(250);
                while (running) {
                    // Catch up on every wake-up: a notification, or the poll interval as a safety net for missed ones.
                    pg.getNotifications((int) poll.toMillis());
                    readBegan = System.nanoTime();
                    changes = StreamRepository.committedSince(connection, OptionalLong.of(changes.horizon()));
                    apply(changes.prices());
                    freshAsOf = readBegan;
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Stream listener lost the database ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                live = false;
                listening = null;
            }
        }
    }

    /** Takes in rows read from the database, in order, fanning out each one newer than the row held for its symbol. */
    private synchronized void apply(List<Price> rows) {
        for (Price price : rows) {
            Held held = current.get(price.symbol());
            // Per symbol, history ids grow in commit order: one sink instance at a time writes a symbol's partition.
            if (held != null && held.price().latestHistoryId() >= price.latestHistoryId()) {
                continue;
            }
            long at = ++position;
            current.put(price.symbol(), new Held(price, at));
            positions.put(price.latestHistoryId(), at);
            events.increment();
            Set<Subscriber> interested = bySymbol.get(price.symbol());
            if (interested != null) {
                interested.forEach(subscriber -> subscriber.offer(price));
            }
        }
    }

    /** Where the change with this history id came in, or null when this hub does not remember it. */
    private Long positionOf(long historyId) {
        Long at = positions.get(historyId);
        if (at != null) {
            return at;
        }
        return current.values().stream()
                .filter(held -> held.price().latestHistoryId() == historyId)
                .map(Held::position)
                .findAny()
                .orElse(null);
    }

    private double rowsAgeSeconds() {
        return live ? (System.nanoTime() - freshAsOf) / 1e9 : Double.NaN;
    }

    private static Duration pollFor(Duration maxStaleness) {
        if (maxStaleness.isZero()) {
            return MAX_POLL;
        }
        Duration half = maxStaleness.dividedBy(2);
        return half.compareTo(MAX_POLL) > 0 ? MAX_POLL : half.compareTo(MIN_POLL) < 0 ? MIN_POLL : half;
    }

    private void beat() {
        subscribers.forEach(Subscriber::heartbeat);
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

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing on shutdown; nothing left to do with it
            }
        }
    }

    /** A subscriber and the rows it starts with. */
    record Subscription(Subscriber subscriber, List<Price> initial) {
    }

    /** The current row of a symbol and the position at which the hub took it in. */
    private record Held(Price price, long position) {
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
