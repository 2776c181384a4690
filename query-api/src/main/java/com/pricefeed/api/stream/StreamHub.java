package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;
import com.pricefeed.platform.config.DatabaseConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * rows whose {@code latest_history_id} is beyond what was already seen and fans them out by symbol.
 *
 * <p>The hub keeps the current row of every symbol as last read from the database, so a new client's snapshot (or a
 * resuming client's missed changes) costs no query; the rows are reloaded whenever the listening connection
 * (re)connects, since notifications sent meanwhile are lost. Ids are allocated before commit, so with several sink
 * instances a batch with smaller ids can commit after one with larger ids: the query looks back {@value #LOOKBACK_IDS}
 * ids behind the newest seen, and a row is fanned out only when it is newer than the one held for its symbol.
 */
public final class StreamHub implements AutoCloseable {

    public static final String CHANNEL = "realtime_symbols_changed";
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final long LOOKBACK_IDS = 1_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final DatabaseConfig database;
    private final Duration heartbeat;
    private final int clientBuffer;
    private final int maxClients;
    private final Function<Price, String> toJson;
    private final Map<String, Set<Subscriber>> bySymbol = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clients = new AtomicInteger();
    private final Map<String, Price> current = new ConcurrentHashMap<>();
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private final Counter dropped;
    private final Counter events;
    private volatile boolean running;
    private volatile boolean live;
    private volatile Connection listening;
    private Thread listener;
    private long lastSeen;

    public StreamHub(DatabaseConfig database, Duration heartbeat, int clientBuffer, int maxClients,
                     Function<Price, String> toJson, MeterRegistry registry) {
        this.database = database;
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
    }

    public void start() {
        running = true;
        listener = daemon("stream-listener").newThread(this::listen);
        listener.start();
        heartbeats.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a subscriber for {@code symbols}; changes committed from now on queue up for it until
     * {@link Subscriber#start} connects its sink.
     *
     * @return empty when the hub is full or stopped
     */
    Optional<Subscriber> subscribe(Set<String> symbols) {
        if (!running || clients.incrementAndGet() > maxClients) {
            if (running) {
                clients.decrementAndGet();
            }
            return Optional.empty();
        }
        Subscriber subscriber = new Subscriber(symbols, clientBuffer, writers, toJson);
        subscribers.add(subscriber);
        symbols.forEach(symbol -> bySymbol.computeIfAbsent(symbol, key -> ConcurrentHashMap.newKeySet()).add(subscriber));
        return Optional.of(subscriber);
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

    /** The current rows of {@code symbols}, in the order given: a new client's snapshot. */
    List<Price> snapshot(Collection<String> symbols) {
        return symbols.stream().map(current::get).filter(Objects::nonNull).toList();
    }

    /** The current rows of {@code symbols} that changed after {@code historyId}: what a resuming client missed. */
    List<Price> changedSince(Collection<String> symbols, long historyId) {
        return snapshot(symbols).stream()
                .filter(price -> price.latestHistoryId() > historyId)
                .sorted(Comparator.comparingLong(Price::latestHistoryId))
                .toList();
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
                thread.join(POLL.multipliedBy(3).toMillis());
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
                PGConnection pg = connection.unwrap(PGConnection.class);
                apply(StreamRepository.all(connection));
                live = true;
                backoff = Duration.ofMillis(250);
                while (running) {
                    // Catch up on every wake-up: a notification, or the poll interval as a safety net for missed ones.
                    catchUp(connection);
                    pg.getNotifications((int) POLL.toMillis());
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

    private void catchUp(Connection connection) throws SQLException {
        apply(StreamRepository.changedSince(connection, Math.max(0, lastSeen - LOOKBACK_IDS)));
    }

    private void apply(List<Price> rows) {
        for (Price price : rows) {
            lastSeen = Math.max(lastSeen, price.latestHistoryId());
            Price held = current.get(price.symbol());
            if (held != null && held.latestHistoryId() >= price.latestHistoryId()) {
                continue;
            }
            current.put(price.symbol(), price);
            events.increment();
            Set<Subscriber> interested = bySymbol.get(price.symbol());
            if (interested != null) {
                interested.forEach(subscriber -> subscriber.offer(price));
            }
        }
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

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
