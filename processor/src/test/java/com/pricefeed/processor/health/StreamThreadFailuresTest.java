package com.pricefeed.processor.health;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadFailuresTest {

    private final StreamThreadFailures failures = new StreamThreadFailures();

    @Test
    void shouldStayReadyThroughFewerFailuresInARowThanAllowed() {
        failures.failed(new IllegalStateException("one"), Map.of("t-1", 5.0));
        failures.failed(new IllegalStateException("two"), Map.of("t-2", 0.0));

        assertThat(failures.stuck(Map.of("t-3", 0.0))).isEmpty();
    }

    @Test
    void shouldBeStuckAfterThreeFailuresInARowWithoutACommitAndSayWhy() {
        failures.failed(new IllegalStateException("one"), Map.of("t-1", 5.0));
        failures.failed(new IllegalStateException("two"), Map.of("t-2", 0.0));
        failures.failed(new IllegalStateException("record too large"), Map.of("t-3", 0.0));

        assertThat(failures.stuck(Map.of("t-4", 0.0)))
                .contains("stream threads failed 3 times in a row without committing; last: java.lang.IllegalStateException: record too large");
    }

    @Test
    void shouldBeReadyAgainOnceAThreadCommits() {
        failures.failed(new IllegalStateException("one"), Map.of("t-1", 5.0));
        failures.failed(new IllegalStateException("two"), Map.of("t-2", 0.0));
        failures.failed(new IllegalStateException("three"), Map.of("t-3", 0.0));

        assertThat(failures.stuck(Map.of("t-4", 1.0))).isEmpty();
        assertThat(failures.stuck(Map.of("t-4", 1.0))).isEmpty();
    }

    @Test
    void shouldNotCountFailuresSeparatedByCommitsAsInARow() {
        failures.failed(new IllegalStateException("one"), Map.of("t-1", 5.0));
        failures.failed(new IllegalStateException("two"), Map.of("t-2", 3.0));
        failures.failed(new IllegalStateException("three"), Map.of("t-3", 2.0));

        assertThat(failures.stuck(Map.of("t-4", 0.0))).isEmpty();
    }

    @Test
    void shouldNotTakeTheCommitsOfAThreadThatKeepsRunningForProgressUntilTheyGrow() {
        failures.failed(new IllegalStateException("one"), Map.of("healthy", 7.0, "t-1", 0.0));
        failures.failed(new IllegalStateException("two"), Map.of("healthy", 7.0, "t-2", 0.0));
        failures.failed(new IllegalStateException("three"), Map.of("healthy", 7.0, "t-3", 0.0));

        assertThat(failures.stuck(Map.of("healthy", 7.0, "t-4", 0.0))).isPresent();
        assertThat(failures.stuck(Map.of("healthy", 8.0, "t-4", 0.0))).isEmpty();
    }
}
