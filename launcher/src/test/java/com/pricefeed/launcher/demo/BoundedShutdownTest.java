package com.pricefeed.launcher.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedShutdownTest {

    @Test
    void shouldLeaveBehindAPartThatDoesNotStopAndStillStopTheNextPhase() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean brokerStopped = new AtomicBoolean();
        BoundedShutdown shutdown = new BoundedShutdown(Duration.ofMillis(300));

        shutdown.stopTogether(Duration.ofMillis(100), Map.of("stuck processor", never::await));
        shutdown.stopTogether(Duration.ZERO, Map.of("broker", () -> brokerStopped.set(true)));

        assertThat(brokerStopped).isTrue();
        assertThat(never.getCount()).isEqualTo(1);
    }

    @Test
    void shouldStopThePartsOfAPhaseAtTheSameTime() {
        CountDownLatch bothStopping = new CountDownLatch(2);
        AtomicBoolean sawTheOther = new AtomicBoolean(true);
        AutoCloseable waitsForTheOther = () -> {
            bothStopping.countDown();
            sawTheOther.compareAndSet(true, bothStopping.await(5, java.util.concurrent.TimeUnit.SECONDS));
        };
        BoundedShutdown shutdown = new BoundedShutdown(Duration.ofSeconds(10));

        shutdown.stopTogether(Duration.ZERO, Map.of("sink", waitsForTheOther, "query API", waitsForTheOther));

        assertThat(bothStopping.getCount()).isZero();
        assertThat(sawTheOther).isTrue();
    }

    @Test
    void shouldGoOnWhenAPartFailsToStop() {
        AtomicBoolean brokerStopped = new AtomicBoolean();
        BoundedShutdown shutdown = new BoundedShutdown(Duration.ofSeconds(10));

        shutdown.stopTogether(Duration.ZERO, Map.of("sink", () -> {
            throw new IllegalStateException("pool already closed");
        }));
        shutdown.stopTogether(Duration.ZERO, Map.of("broker", () -> brokerStopped.set(true)));

        assertThat(brokerStopped).isTrue();
    }
}
