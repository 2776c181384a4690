package com.pricefeed.api.follow;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Freshness freshness = new Freshness(now::get);

    @Test
    void shouldNotVouchForRowsBeforeTheFirstConfirmedRead() {
        assertThat(freshness.following()).isFalse();
        assertThat(freshness.within(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void shouldVouchForRowsUntilTheBoundHasPassedSinceTheConfirmedReadBegan() {
        freshness.confirm(1_000);

        now.set(1_500);
        assertThat(freshness.within(500)).isTrue();
        now.set(1_501);
        assertThat(freshness.within(500)).isFalse();
        assertThat(freshness.ageNanos()).isEqualTo(501);
    }

    @Test
    void shouldStopVouchingOnceTheConnectionIsLost() {
        freshness.confirm(1_000);

        freshness.lost();

        assertThat(freshness.following()).isFalse();
        assertThat(freshness.within(Long.MAX_VALUE)).isFalse();
    }
}
