package com.pricefeed.launcher.replay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaySummaryTest {

    private static final String NL = System.lineSeparator();

    @Test
    void shouldListRowsReadPublishedAndRejectedByReasonCode() {
        TreeMap<String, Long> invalid = new TreeMap<>();
        invalid.put("PRICE_NOT_POSITIVE", 1L);
        invalid.put("LOW_ABOVE_HIGH", 1L);
        invalid.put("CSV_COLUMN_COUNT", 3L);
        ReplaySummary summary = new ReplaySummary(303, 298, invalid, 0, 0, null, Duration.ofMillis(6_040));

        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.render("price-ticks")).isEqualTo("Replay finished in 6.0 s" + NL
                + "  rows read                    303" + NL
                + "  published                    298 to price-ticks" + NL
                + "  rejected locally               5 (not sent)" + NL
                + "    CSV_COLUMN_COUNT             3" + NL
                + "    LOW_ABOVE_HIGH               1" + NL
                + "    PRICE_NOT_POSITIVE           1" + NL
                + "  send failures                  0" + NL);
    }

    @Test
    void shouldSayWhyAReplayStoppedAndCountItAsAFailure() {
        ReplaySummary summary = new ReplaySummary(10, 9, new TreeMap<>(), 0, 1, "a send failed", Duration.ofSeconds(1));

        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.render("t")).startsWith("Replay stopped (a send failed) in 1.0 s" + NL)
                .contains("  rejected locally               0" + NL)
                .contains("  send failures                  1" + NL);
    }
}
