package com.pricefeed.api.stream;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.follow.CommittedRows;
import com.pricefeed.api.follow.MasterChanges;
import com.pricefeed.api.prices.Price;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * Fans the committed master changes the follower takes in ({@link CommittedRows}) out to stream subscribers, in the
 * order it took them in, remembering where each came in ({@link ResumePositions}) so a resuming client
 * ({@code Last-Event-ID}) gets exactly the changes of its symbols after the one it saw last. An id this hub does not
 * remember (another instance served it, or it is older than {@value #REMEMBERED_IDS} changes) resumes with the full
 * snapshot of the requested symbols: possibly repeating, never missing a change.
 *
 * <p>It admits at most {@code maxClients} subscribers, and {@code maxClientsPerAddress} from one remote address, sends
 * each a heartbeat comment every {@code heartbeat}, and drops a subscriber whose connection has taken nothing for
 * longer than {@code writeTimeout}.
 */
public final class StreamHub implements MasterChanges, AutoCloseable {

    private static final int REMEMBERED_IDS = 100_000;
    private static final Duration MIN_SWEEP = Duration.ofMillis(50);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

    private final CommittedRows rows;
    private final StreamSettings settings;
    private final Function<Price, String> toJson;
    private final Map<String, Set<Subscriber>> bySymbol = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Subscribers per remote address; guarded by {@code this}. */
    private final Map<String, Integer> perAddress = new HashMap<>();
    /** Guarded by {@code this}. */
    private final ResumePositions positions = new ResumePositions(REMEMBERED_IDS);
    private final AtomicInteger clients = new AtomicInteger();
    private final ExecutorService writers;
    private final ScheduledExecutorService timers;
    private final Counter dropped;
    private final Counter events;
    private volatile boolean running;

    public StreamHub(CommittedRows rows, StreamSettings settings, Function<Price, String> toJson, MeterRegistry registry) {
        this.rows = rows;
        this.settings = settings;
        this.toJson = toJson;
        this.writers = Executors.newFixedThreadPool(4, daemon("stream-writer"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("stream-timer"));
        registry.gauge("stream.clients", clients);
        this.dropped = Counter.builder("stream.clients.dropped").description("Stream clients dropped as too slow")
                .register(registry);
        this.events = Counter.builder("stream.changes").description("Committed master changes fanned out")
                .register(registry);
    }

    /** Starts taking in changes (before the follower reads anything) and the heartbeat and slow-client timers. */
    public void start() {
        running = true;
        rows.addListener(this);
        long heartbeat = settings.heartbeat().toMillis();
        timers.scheduleAtFixedRate(this::beat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long sweep = sweepInterval(settings.writeTimeout()).toMillis();
        timers.scheduleAtFixedRate(this::dropStalled, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a subscriber from {@code address} for {@code symbols} together with the rows it is to start with:
     * the current row of each symbol, or for a resuming client the rows positioned after {@code lastEventId}. Both
     * happen between two changes, so every later change is queued for the subscriber and none is both in its first
     * rows and queued.
     *
     * @throws ApiException 503 when the hub is stopped or full, 429 when {@code address} has its share already
     */
    Subscription subscribe(List<String> symbols, OptionalLong lastEventId, String address) {
        return rows.betweenChanges(() -> admit(symbols, lastEventId, address));
    }

    void unsubscribe(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            clients.decrementAndGet();
            release(subscriber.address());
            subscriber.symbols().forEach(symbol -> bySymbol.computeIfPresent(symbol, (key, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            }));
        }
        subscriber.close();
    }

    /** Fans {@code row} out to the subscribers of its symbol; the follower calls it for each change, in order. */
    @Override
    public synchronized void changed(Price row) {
        positions.take(row);
        events.increment();
        Set<Subscriber> interested = bySymbol.get(row.symbol());
        if (interested != null) {
            interested.forEach(subscriber -> subscriber.offer(row));
        }
    }

    private void ended(Subscriber subscriber, boolean tooSlow) {
        if (tooSlow) {
            dropped.increment();
        }
        unsubscribe(subscriber);
    }

    int clientCount() {
        return clients.get();
    }

    @Override
    public void close() {
        running = false;
        timers.shutdownNow();
        List.copyOf(subscribers).forEach(this::unsubscribe);
        writers.shutdownNow();
    }

    private synchronized Subscription admit(List<String> symbols, OptionalLong lastEventId, String address) {
        if (!running || clients.get() >= settings.maxClients()) {
            throw ApiException.serviceUnavailable("The stream is at capacity; retry shortly.");
        }
        if (perAddress.getOrDefault(address, 0) >= settings.maxClientsPerAddress()) {
            throw ApiException.tooManyRequests("This client address has " + settings.maxClientsPerAddress()
                    + " streams open already, the most allowed; close one first.", 5);
        }
        clients.incrementAndGet();
        perAddress.merge(address, 1, Integer::sum);
        Subscriber subscriber = new Subscriber(new LinkedHashSet<>(symbols), address, settings.clientBuffer(), writers,
                toJson, this::ended);
        subscribers.add(subscriber);
        symbols.forEach(symbol -> bySymbol.computeIfAbsent(symbol, key -> ConcurrentHashMap.newKeySet()).add(subscriber));
        return new Subscription(subscriber, initialRows(symbols, lastEventId));
    }

    private List<Price> initialRows(List<String> symbols, OptionalLong lastEventId) {
        List<Price> current = symbols.stream().map(rows::row).flatMap(Optional::stream).toList();
        OptionalLong after = lastEventId.isPresent() ? positions.ofEvent(lastEventId.getAsLong(), current) : OptionalLong.empty();
        return current.stream()
                .filter(row -> after.isEmpty() || positions.ofSymbol(row.symbol()) > after.getAsLong())
                .sorted(Comparator.comparingLong(row -> positions.ofSymbol(row.symbol())))
                .toList();
    }

    private synchronized void release(String address) {
        perAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    private void beat() {
        subscribers.forEach(Subscriber::heartbeat);
    }

    private void dropStalled() {
        long now = System.nanoTime();
        long timeout = settings.writeTimeout().toNanos();
        subscribers.forEach(subscriber -> subscriber.dropIfStalled(now, timeout));
    }

    private static Duration sweepInterval(Duration writeTimeout) {
        Duration quarter = writeTimeout.dividedBy(4);
        return quarter.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : quarter.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : quarter;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A subscriber and the rows it starts with. */
    record Subscription(Subscriber subscriber, List<Price> initial) {
    }
}
