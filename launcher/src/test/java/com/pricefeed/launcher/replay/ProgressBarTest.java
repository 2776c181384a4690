package com.pricefeed.launcher.replay;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void shouldShowCountPercentRateAndTimeLeft() {
        assertThat(ProgressBar.render(150, 300, Duration.ofSeconds(2)))
                .isEqualTo("[###############...............] 150/300  50%  75.0 rows/s  ETA 0:02");
        assertThat(ProgressBar.render(300, 300, Duration.ofSeconds(4)))
                .isEqualTo("[##############################] 300/300 100%  75.0 rows/s  ETA 0:00");
        assertThat(ProgressBar.render(1, 10_000, Duration.ofSeconds(1)))
                .endsWith("1.0 rows/s  ETA 2:46:39");
    }

    @Test
    void shouldShowCountAndRateWhenTheTotalIsUnknown() {
        assertThat(ProgressBar.render(42, ProgressBar.UNKNOWN_TOTAL, Duration.ofSeconds(84)))
                .isEqualTo("42 rows  0.5 rows/s  1:24");
    }

    @Test
    void shouldNotPretendToKnowTheTimeLeftBeforeAnyProgress() {
        assertThat(ProgressBar.render(0, 300, Duration.ZERO)).endsWith("0/300   0%  0.0 rows/s  ETA --:--");
    }

    @Test
    void shouldRedrawInPlaceAndPrintMessagesAboveTheBar() {
        StringWriter text = new StringWriter();
        AtomicLong nanos = new AtomicLong();
        ProgressBar bar = ProgressBar.shown(new PrintWriter(text), 2, nanos::get);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        bar.advance(1);
        bar.message("line 3: PRICE_NOT_POSITIVE price must be positive, got -1.0000 (not sent)");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        bar.advance(2);
        bar.finish();

        String half = "[###############...............] 1/2  50%  1.0 rows/s  ETA 0:01";
        String done = "[##############################] 2/2 100%  1.0 rows/s  ETA 0:00";
        assertThat(text.toString()).isEqualTo("\r" + half
                + "\r" + " ".repeat(half.length()) + "\r"
                + "line 3: PRICE_NOT_POSITIVE price must be positive, got -1.0000 (not sent)" + System.lineSeparator()
                + "\r" + half
                + "\r" + done
                + "\r" + done
                + System.lineSeparator());
    }

    @Test
    void shouldRedrawAtMostTenTimesASecond() {
        StringWriter text = new StringWriter();
        AtomicLong nanos = new AtomicLong();
        ProgressBar bar = ProgressBar.shown(new PrintWriter(text), 1000, nanos::get);

        for (int row = 1; row <= 1000; row++) {
            nanos.addAndGet(Duration.ofMillis(1).toNanos());
            bar.advance(row);
        }

        assertThat(text.toString().chars().filter(c -> c == '\r').count()).isEqualTo(10);
    }

    @Test
    void shouldOnlyPrintMessagesWhenHidden() {
        StringWriter text = new StringWriter();
        ProgressBar bar = ProgressBar.hidden(new PrintWriter(text));

        bar.advance(1);
        bar.message("line 2: LOW_ABOVE_HIGH low_price 2 is greater than high_price 1 (not sent)");
        bar.finish();

        assertThat(text.toString())
                .isEqualTo("line 2: LOW_ABOVE_HIGH low_price 2 is greater than high_price 1 (not sent)" + System.lineSeparator());
    }
}
