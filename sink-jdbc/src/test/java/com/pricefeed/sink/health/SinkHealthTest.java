package com.pricefeed.sink.health;

import com.pricefeed.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SinkHealthTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T14:30:00Z"));
    private final SinkHealth health = new SinkHealth(clock, BOUND);

    @Test
    void shouldStayReadyWhileIdleHoweverLongNothingIsCommitted() {
        health.waiting(false);
        clock.advance(Duration.ofHours(1));

        assertThat(health.status().ready()).isTrue();
    }

    @Test
    void shouldTurnNotReadyWithTheReasonOnceRecordsWaitLongerThanTheBoundAndReadyWithTheNextCommit() {
        health.waiting(true);
        clock.advance(BOUND);
        assertThat(health.status().ready()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        health.waiting(true);
        assertThat(health.status().ready()).isFalse();
        assertThat(health.status().detail()).isEqualTo("no commit for 31 s while records wait to be written (bound 30 s)");

        health.committed();
        assertThat(health.status().ready()).isTrue();
    }

    @Test
    void shouldCountTheWaitFromTheLastCommitWhileABacklogIsWritten() {
        health.waiting(true);
        for (int batch = 0; batch < 10; batch++) {
            clock.advance(Duration.ofSeconds(20));
            health.committed();
            health.waiting(true);
        }

        assertThat(health.status().ready()).isTrue();
    }

    @Test
    void shouldReportAFailingDatabaseUntilItRecovers() {
        health.failing("canceling statement due to lock timeout");

        assertThat(health.status().ready()).isFalse();
        assertThat(health.status().detail()).isEqualTo("database writes failing, retrying: canceling statement due to lock timeout");
        assertThat(health.recovered()).isTrue();
        assertThat(health.status().ready()).isTrue();
        assertThat(health.recovered()).isFalse();
    }
}
