package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One stream client: the symbols it follows, a bounded queue of what is still to be written, and the history id of
 * the row last written per symbol, so a row is never sent twice in a row. The hub queues rows in the order it took
 * them in, so a later row is a newer one whatever its id. Writing happens on a shared executor,
 * one drain at a time per subscriber; a client whose queue is full is too slow and is dropped, so it never holds
 * up the others.
 */
final class Subscriber {

    private static final Object HEARTBEAT = new Object();

    private final Set<String> symbols;
    private final BlockingQueue<Object> queue;
    private final Executor writer;
    private final Function<Price, String> toJson;
    private final Map<String, Long> sentIds = new HashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EventSink sink;
    private volatile List<Price> initial;
    private volatile Runnable onDrop = () -> { };

    Subscriber(Set<String> symbols, int capacity, Executor writer, Function<Price, String> toJson) {
        this.symbols = Set.copyOf(symbols);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.toJson = toJson;
    }

    Set<String> symbols() {
        return symbols;
    }

    /** Connects the sink and starts writing: the initial rows first, then whatever arrived meanwhile. */
    void start(EventSink eventSink, List<Price> initialRows, Runnable whenDropped) {
        this.onDrop = whenDropped;
        this.initial = List.copyOf(initialRows);
        this.sink = eventSink;
        scheduleDrain();
    }

    /** Queues a committed change; false when the client is too slow and has been dropped. */
    boolean offer(Price price) {
        return enqueue(price);
    }

    boolean heartbeat() {
        return enqueue(HEARTBEAT);
    }

    boolean isClosed() {
        return closed.get();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            EventSink current = sink;
            if (current != null) {
                current.close();
            }
        }
    }

    private boolean enqueue(Object item) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(item)) {
            close();
            onDrop.run();
            return false;
        }
        scheduleDrain();
        return true;
    }

    private void scheduleDrain() {
        if (sink != null && !closed.get() && draining.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    private void drain() {
        try {
            EventSink out = sink;
            List<Price> first = initial;
            if (first != null) {
                initial = null;
                first.forEach(price -> write(out, price));
            }
            Object item;
            while (!closed.get() && (item = queue.poll()) != null) {
                if (item == HEARTBEAT) {
                    out.comment("heartbeat");
                } else {
                    write(out, (Price) item);
                }
                if (out.terminated()) {
                    close();
                }
            }
        } catch (RuntimeException e) {
            close();
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }

    private void write(EventSink out, Price price) {
        Long sent = sentIds.put(price.symbol(), price.latestHistoryId());
        if (sent != null && sent == price.latestHistoryId()) {
            return;
        }
        out.event("price", toJson.apply(price), Long.toString(price.latestHistoryId()));
    }
}
