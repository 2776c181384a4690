package com.pricefeed.sink.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SinkHealthTest {

    private final SinkHealth health = new SinkHealth();

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
