package com.pricefeed.api.follow;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MasterFollowerTest {

    @Test
    void shouldRoundTripAtLeastTwicePerStalenessBoundAndFourTimesPerListenTimeoutButAtMostEverySecond() {
        assertThat(MasterFollower.pollFor(Duration.ofSeconds(2), Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(MasterFollower.pollFor(Duration.ofMillis(500), Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(250));
        assertThat(MasterFollower.pollFor(Duration.ZERO, Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
        assertThat(MasterFollower.pollFor(Duration.ofMillis(1), Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(10));
    }
}
