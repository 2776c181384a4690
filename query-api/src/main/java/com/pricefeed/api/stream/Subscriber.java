package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One stream client: the symbols it follows, a bounded queue of what is still to be written, and the history id of
 * the row last written per symbol, so a row is never sent twice in a row. Writing happens on a shared executor, one
 * drain at a time per subscriber, and never blocks: when the connection cannot take more, the drain stops until
 * the sink calls {@link #resume()}. A client whose queue fills up, or whose connection has taken nothing for
 * longer than the write timeout, is too slow and is dropped, so it never holds up a writer or another client.
 */
final class Subscriber {

    private static final String HEARTBEAT = ": heartbeat\n";

    private final Set<String> symbols;
    private final String address;
    private final BlockingQueue<Object> queue;
    private final Executor writer;
    private final Function<Price, String> toJson;
    /** What was sent last per symbol: its history id and delisting, which together tell a row from the next. */
    private final Map<String, Sent> sent = new HashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean awaitingWritable = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EventSink sink;
    private volatile List<Price> initial;
    private final Ended whenEnded;
    /** Whether something was written since the last flush; the first drain flushes the response head. */
    private volatile boolean unflushed = true;
    /** {@link System#nanoTime()} since when the connection could not take more, or 0 while it can. */
    private volatile long stalledSince;

    Subscriber(Set<String> symbols, String address, int capacity, Executor writer, Function<Price, String> toJson,
               Ended whenEnded) {
        this.symbols = Set.copyOf(symbols);
        this.address = address;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.toJson = toJson;
        this.whenEnded = whenEnded;
    }

    Set<String> symbols() {
        return symbols;
    }

    String address() {
        return address;
    }

    /** Connects the sink and starts writing: the initial rows first, then whatever arrived meanwhile. */
    void start(EventSink eventSink, List<Price> initialRows) {
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

    /** Called by the sink when the client is gone: the connection failed or was closed by the other end. */
    void gone() {
        end(false);
    }

    /** Called by the sink when the connection can take more after it could not. */
    void resume() {
        awaitingWritable.set(false);
        scheduleDrain();
    }

    /** Drops the client when its connection has taken nothing for longer than {@code timeoutNanos}. */
    boolean dropIfStalled(long now, long timeoutNanos) {
        long since = stalledSince;
        if (since != 0 && now - since > timeoutNanos && !closed.get()) {
            end(true);
            return true;
        }
        return false;
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
            end(true);
            return false;
        }
        scheduleDrain();
        return true;
    }

    private void end(boolean tooSlow) {
        if (!closed.get()) {
            close();
            whenEnded.ended(this, tooSlow);
        }
    }

    private void scheduleDrain() {
        if (sink != null && !closed.get() && draining.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    private void drain() {
        try {
            writeWhileReady(sink);
        } catch (IOException | RuntimeException e) {
            end(false);
        } finally {
            draining.set(false);
        }
        // A resume() that came while this drain was ending could not schedule another one.
        if (!awaitingWritable.get() && (unflushed || initial != null || !queue.isEmpty())) {
            scheduleDrain();
        }
    }

    private void writeWhileReady(EventSink out) throws IOException {
        while (!closed.get()) {
            awaitingWritable.set(true);
            if (!out.ready()) {
                if (stalledSince == 0) {
                    stalledSince = System.nanoTime();
                }
                return;
            }
            awaitingWritable.set(false);
            stalledSince = 0;
            String frame = nextFrame();
            if (frame == null) {
                if (!unflushed) {
                    return;
                }
                unflushed = false;
                out.flush();
            } else {
                out.write(frame);
                unflushed = true;
            }
        }
    }

    /** What ends a subscriber: the client went away, or it was too slow and was dropped. */
    @FunctionalInterface
    interface Ended {
        void ended(Subscriber subscriber, boolean tooSlow);
    }

    /** The next event or comment to write, or null when there is none; a row already sent last is skipped. */
    private String nextFrame() {
        List<Price> first = initial;
        if (first != null) {
            initial = null;
            StringBuilder frames = new StringBuilder();
            first.forEach(price -> frames.append(Objects.requireNonNullElse(frame(price), "")));
            if (frames.length() > 0) {
                return frames.toString();
            }
        }
        Object item;
        while ((item = queue.poll()) != null) {
            String frame = item instanceof Price price ? frame(price) : (String) item;
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    /**
     * {@code event: price} for a listed symbol's row, {@code event: delisted} for a delisted one's (its last price);
     * a delisting keeps the row's history id, so the event repeats the id of the price event before it.
     */
    private String frame(Price price) {
        Sent now = new Sent(price.latestHistoryId(), price.delistedAt());
        if (now.equals(sent.put(price.symbol(), now))) {
            return null;
        }
        String event = price.delisted() ? "delisted" : "price";
        return "id: " + price.latestHistoryId() + "\nevent: " + event + "\ndata: " + toJson.apply(price) + "\n\n";
    }

    private record Sent(long historyId, Instant delistedAt) {
    }
}
