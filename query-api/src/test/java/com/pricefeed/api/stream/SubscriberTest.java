package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriberTest {

    private static final long WRITE_TIMEOUT = Duration.ofSeconds(10).toNanos();

    private final ExecutorService writer = Executors.newFixedThreadPool(2);
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger gone = new AtomicInteger();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    @Test
    void shouldSendSnapshotFirstThenEachChangeAndNeverTheSameRowTwiceInARow() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = subscriber(16);
        subscriber.offer(price("AAPL", 12));

        subscriber.start(sink, List.of(price("AAPL", 10), price("MSFT", 11)));
        subscriber.offer(price("AAPL", 12));
        subscriber.offer(price("MSFT", 13));

        await().until(() -> sink.ids().size() >= 4);
        assertThat(sink.ids()).containsExactly("10", "11", "12", "13");
    }

    @Test
    void shouldSendTheDelistingOfTheRowJustSentThoughItKeepsTheHistoryIdAndNotTwice() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = subscriber(16);
        Price listed = price("ACME", 7);
        Price delisted = new Price("ACME", listed.price(), listed.lastUpdated(), null, null, "polygon", null, 7, null,
                Instant.parse("2026-12-06T12:00:00Z"));
        subscriber.start(sink, List.of(listed));

        subscriber.offer(delisted);
        subscriber.offer(delisted);
        subscriber.offer(price("ACME", 8));

        await().until(() -> sink.ids().size() >= 3);
        assertThat(sink.ids()).containsExactly("7", "7", "8");
        assertThat(sink.events()).containsExactly("price", "delisted", "price");
    }

    @Test
    void shouldSendANewerRowOfASymbolEvenWhenItsHistoryIdIsSmaller() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = subscriber(16);
        subscriber.start(sink, List.of(price("AAPL", 1_000_000)));

        subscriber.offer(price("AAPL", 42));

        await().until(() -> sink.ids().size() >= 2);
        assertThat(sink.ids()).containsExactly("1000000", "42");
    }

    @Test
    void shouldFlushTheResponseHeadAtOnceEvenWithNothingToSend() {
        RecordingSink sink = new RecordingSink();

        subscriber(16).start(sink, List.of());

        await().until(() -> sink.flushes() >= 1);
        assertThat(sink.frames()).isEmpty();
    }

    @Test
    void shouldDropAClientWhoseBufferIsFullWithoutEverBlockingTheCaller() {
        RecordingSink sink = new RecordingSink();
        sink.stopTaking();
        Subscriber subscriber = subscriber(3);
        subscriber.start(sink, List.of());

        boolean accepted = true;
        for (int id = 1; id <= 10 && accepted; id++) {
            accepted = subscriber.offer(price("AAPL", id));
        }

        assertThat(accepted).isFalse();
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(drops).hasValue(1);
        assertThat(sink.closed).isTrue();
        assertThat(subscriber.offer(price("AAPL", 99))).isFalse();
    }

    @Test
    void shouldDropAClientWhoseConnectionTakesNothingForLongerThanTheWriteTimeout() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = streaming(sink);
        sink.stopTaking();

        subscriber.offer(price("AAPL", 1));
        await().until(() -> sink.askedWhileFull() >= 1);

        assertThat(subscriber.dropIfStalled(System.nanoTime(), WRITE_TIMEOUT)).isFalse();
        assertThat(subscriber.dropIfStalled(System.nanoTime() + 2 * WRITE_TIMEOUT, WRITE_TIMEOUT)).isTrue();
        assertThat(drops).hasValue(1);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void shouldNeverDropAClientWhoseConnectionTakesWhatIsWritten() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = subscriber(16);
        subscriber.start(sink, List.of());
        subscriber.offer(price("AAPL", 1));
        await().until(() -> sink.ids().size() == 1);

        assertThat(subscriber.dropIfStalled(System.nanoTime() + 2 * WRITE_TIMEOUT, WRITE_TIMEOUT)).isFalse();
        assertThat(drops).hasValue(0);
    }

    @Test
    void shouldEndAClientWhoseConnectionFailsWithoutCountingItAsTooSlow() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = streaming(sink);
        sink.fail();

        subscriber.offer(price("AAPL", 1));

        await().until(() -> gone.get() == 1);
        assertThat(drops).hasValue(0);
        assertThat(subscriber.isClosed()).isTrue();
    }

    @Test
    void shouldWriteWhatWaitedOnceTheConnectionTakesMoreAgain() {
        RecordingSink sink = new RecordingSink();
        Subscriber subscriber = streaming(sink);
        sink.stopTaking();
        subscriber.offer(price("AAPL", 1));
        subscriber.offer(price("AAPL", 2));
        await().until(() -> sink.askedWhileFull() >= 1);
        assertThat(sink.ids()).isEmpty();

        sink.takeAgain();
        subscriber.resume();

        await().until(() -> sink.ids().size() == 2);
        assertThat(sink.ids()).containsExactly("1", "2");
    }

    /** A subscriber writing to {@code sink}, once its response head has gone out. */
    private Subscriber streaming(RecordingSink sink) {
        Subscriber subscriber = subscriber(16);
        subscriber.start(sink, List.of());
        await().until(() -> sink.flushes() >= 1);
        return subscriber;
    }

    private Subscriber subscriber(int capacity) {
        return new Subscriber(Set.of("AAPL", "MSFT"), "127.0.0.1", capacity, writer, Price::symbol,
                (ended, tooSlow) -> (tooSlow ? drops : gone).incrementAndGet());
    }

    private static Price price(String symbol, long historyId) {
        return new Price(symbol, new BigDecimal("1.0000"), Instant.EPOCH, null, null, "polygon", null, historyId, null);
    }

    /** A connection that takes whatever is written until told to stop, as a client that stops reading. */
    private static final class RecordingSink implements EventSink {

        private static final Pattern ID = Pattern.compile("(?m)^id: (\\d+)$");
        private static final Pattern EVENT = Pattern.compile("(?m)^event: (\\w+)$");

        private final List<String> frames = new ArrayList<>();
        private volatile boolean taking = true;
        private volatile boolean failing;
        private volatile int flushes;
        private volatile int askedWhileFull;
        volatile boolean closed;

        void stopTaking() {
            taking = false;
        }

        void takeAgain() {
            taking = true;
        }

        void fail() {
            failing = true;
        }

        @Override
        public boolean ready() {
            if (!taking) {
                askedWhileFull++;
            }
            return taking;
        }

        @Override
        public synchronized void write(String frame) throws IOException {
            if (failing) {
                throw new IOException("connection reset by peer");
            }
            frames.add(frame);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized List<String> frames() {
            return List.copyOf(frames);
        }

        synchronized List<String> events() {
            List<String> events = new ArrayList<>();
            for (String frame : frames) {
                Matcher event = EVENT.matcher(frame);
                while (event.find()) {
                    events.add(event.group(1));
                }
            }
            return events;
        }

        synchronized List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (String frame : frames) {
                Matcher id = ID.matcher(frame);
                while (id.find()) {
                    ids.add(id.group(1));
                }
            }
            return ids;
        }

        int flushes() {
            return flushes;
        }

        int askedWhileFull() {
            return askedWhileFull;
        }
    }
}
