package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SubscriberTest {

    private final ExecutorService writer = Executors.newFixedThreadPool(2);

    @Test
    void shouldSendSnapshotFirstThenEachChangeAndNeverTheSameRowTwiceInARow() {
        RecordingSink sink = new RecordingSink(null);
        Subscriber subscriber = new Subscriber(Set.of("AAPL", "MSFT"), 16, writer, Price::symbol);
        subscriber.offer(price("AAPL", 12));

        subscriber.start(sink, List.of(price("AAPL", 10), price("MSFT", 11)), () -> { });
        subscriber.offer(price("AAPL", 12));
        subscriber.offer(price("MSFT", 13));

        await().until(() -> sink.ids().size() >= 4);
        assertThat(sink.ids()).containsExactly("10", "11", "12", "13");
    }

    @Test
    void shouldSendANewerRowOfASymbolEvenWhenItsHistoryIdIsSmaller() {
        RecordingSink sink = new RecordingSink(null);
        Subscriber subscriber = new Subscriber(Set.of("AAPL"), 16, writer, Price::symbol);
        subscriber.start(sink, List.of(price("AAPL", 1_000_000)), () -> { });

        subscriber.offer(price("AAPL", 42));

        await().until(() -> sink.ids().size() >= 2);
        assertThat(sink.ids()).containsExactly("1000000", "42");
    }

    @Test
    void shouldDropASlowClientWhenItsBufferIsFullWithoutBlockingTheCaller() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink(stuck);
        AtomicInteger drops = new AtomicInteger();
        Subscriber subscriber = new Subscriber(Set.of("AAPL"), 3, writer, Price::symbol);
        subscriber.start(sink, List.of(), drops::incrementAndGet);

        boolean accepted = true;
        for (int id = 1; id <= 10 && accepted; id++) {
            accepted = subscriber.offer(price("AAPL", id));
        }

        assertThat(accepted).isFalse();
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(drops).hasValue(1);
        assertThat(sink.closed).isTrue();
        assertThat(subscriber.offer(price("AAPL", 99))).isFalse();
        stuck.countDown();
    }

    private static Price price(String symbol, long historyId) {
        return new Price(symbol, new BigDecimal("1.0000"), Instant.EPOCH, null, null, "polygon", null, historyId, null);
    }

    private static final class RecordingSink implements EventSink {
        private final List<String> ids = new ArrayList<>();
        private final CountDownLatch blockUntil;
        private final AtomicBoolean blockedOnce = new AtomicBoolean();
        volatile boolean closed;

        RecordingSink(CountDownLatch blockUntil) {
            this.blockUntil = blockUntil;
        }

        @Override
        public synchronized void event(String name, String data, String id) {
            ids.add(id);
            if (blockUntil != null && blockedOnce.compareAndSet(false, true)) {
                try {
                    blockUntil.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized List<String> ids() {
            return List.copyOf(ids);
        }

        @Override
        public void comment(String text) {
        }

        @Override
        public boolean terminated() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
