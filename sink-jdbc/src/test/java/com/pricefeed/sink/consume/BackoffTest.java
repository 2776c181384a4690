package com.pricefeed.sink.consume;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void shouldDoubleFromTheInitialWaitUpToTheBoundAndStartOverAfterSuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(new long[]{backoff.next().toMillis(), backoff.next().toMillis(), backoff.next().toMillis(),
                backoff.next().toMillis(), backoff.next().toMillis()}).containsExactly(100, 200, 400, 500, 500);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }
}
