package com.pricefeed.launcher.replay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00.000Z");

    /** A clock that only moves when the pacer sleeps or the test says time passed. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        nanos.addAndGet(duration.toNanos());
    };

    @Test
    void shouldWaitTheGapsBetweenSourceTimestampsAtSpeedOne() throws InterruptedException {
        Pacer pacer = Pacer.scaled(1, nanos::get, sleeper);

        pacer.awaitTurn(T0);
        pacer.awaitTurn(T0.plusSeconds(2));
        pacer.awaitTurn(T0.plusMillis(2_500));
        pacer.awaitTurn(T0.plusMillis(2_500));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    @Test
    void shouldDivideTheGapsByTheSpeed() throws InterruptedException {
        Pacer pacer = Pacer.scaled(10, nanos::get, sleeper);

        pacer.awaitTurn(T0);
        pacer.awaitTurn(T0.plusSeconds(2));
        pacer.awaitTurn(T0.plusSeconds(3));

        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(100));
    }

    @Test
    void shouldStretchTheGapsBelowSpeedOne() throws InterruptedException {
        Pacer pacer = Pacer.scaled(0.5, nanos::get, sleeper);

        pacer.awaitTurn(T0);
        pacer.awaitTurn(T0.plusMillis(1_500));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void shouldCountTimeSpentSendingSoThatNoDriftAccumulates() throws InterruptedException {
        Pacer pacer = Pacer.scaled(1, nanos::get, sleeper);

        pacer.awaitTurn(T0);
        nanos.addAndGet(Duration.ofMillis(1_500).toNanos());
        pacer.awaitTurn(T0.plusSeconds(2));
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        pacer.awaitTurn(T0.plusSeconds(4));
        pacer.awaitTurn(T0.plusSeconds(6));

        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void shouldSendALateTickAtOnceAndKeepPacingFromTheNewestTimestamp() throws InterruptedException {
        Pacer pacer = Pacer.scaled(1, nanos::get, sleeper);

        pacer.awaitTurn(T0);
        pacer.awaitTurn(T0.plusSeconds(10));
        pacer.awaitTurn(T0.plusSeconds(3));
        pacer.awaitTurn(T0.plusSeconds(11));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    @Test
    void shouldNeverWaitAsFastAsPossible() {
        Pacer pacer = Pacer.asFastAsPossible();

        assertThat(pacer.delayBefore(T0)).isZero();
        assertThat(pacer.delayBefore(T0.plus(Duration.ofDays(365)))).isZero();
        assertThat(pacer.paced()).isFalse();
    }

    @Test
    void shouldNotOverflowOnGapsOfCenturies() {
        Pacer pacer = Pacer.scaled(1, nanos::get, sleeper);

        pacer.delayBefore(Instant.EPOCH);

        assertThat(pacer.delayBefore(Instant.parse("2500-01-01T00:00:00Z"))).isPositive();
    }

    @Test
    void shouldRefuseASpeedThatIsNotPositive() {
        assertThatThrownBy(() -> Pacer.scaled(0, nanos::get, sleeper)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacer.scaled(-2, nanos::get, sleeper)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacer.scaled(Double.NaN, nanos::get, sleeper)).isInstanceOf(IllegalArgumentException.class);
    }
}
