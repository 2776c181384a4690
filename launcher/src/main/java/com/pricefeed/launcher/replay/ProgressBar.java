package com.pricefeed.launcher.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn in place with {@code \r}: rows done of the total, rate and time left. Other
 * messages go through {@link #message(String)}, which prints them above the bar. When disabled it only prints the
 * messages.
 */
final class ProgressBar {

    /** The total when it is not known, for input read from a pipe. */
    static final long UNKNOWN_TOTAL = -1;

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintWriter err;
    private final boolean enabled;
    private final long total;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastDrawNanos;
    private long done;
    private int drawnLength;

    private ProgressBar(PrintWriter err, boolean enabled, long total, LongSupplier nanoTime) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    static ProgressBar shown(PrintWriter err, long total, LongSupplier nanoTime) {
        return new ProgressBar(err, true, total, nanoTime);
    }

    static ProgressBar hidden(PrintWriter err) {
        return new ProgressBar(err, false, UNKNOWN_TOTAL, () -> 0L);
    }

    /** Records that {@code rows} rows are done, redrawing at most ten times a second. */
    void advance(long rows) {
        done = rows;
        long now = nanoTime.getAsLong();
        if (enabled && now - lastDrawNanos >= REDRAW_NANOS) {
            draw(now);
        }
    }

    /** Prints a line above the bar. */
    void message(String line) {
        clear();
        err.println(line);
        if (enabled) {
            draw(nanoTime.getAsLong());
        } else {
            err.flush();
        }
    }

    /** Draws the final state and moves to the next line. */
    void finish() {
        if (enabled) {
            draw(nanoTime.getAsLong());
            err.println();
            err.flush();
            drawnLength = 0;
        }
    }

    private void draw(long now) {
        lastDrawNanos = now;
        String bar = render(done, total, Duration.ofNanos(now - startNanos));
        int padding = Math.max(0, drawnLength - bar.length());
        err.print("\r" + bar + " ".repeat(padding));
        err.flush();
        drawnLength = bar.length();
    }

    private void clear() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
        }
    }

    /**
     * The bar's text, for example {@code [###############...............] 150/300  50%  75.0 rows/s  ETA 0:02}; with an
     * unknown total only the count and the rate.
     */
    static String render(long done, long total, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String rateText = String.format(Locale.ROOT, "%.1f rows/s", rate);
        if (total <= 0) {
            return String.format(Locale.ROOT, "%d rows  %s  %s", done, rateText, clock(Math.round(seconds)));
        }
        long shown = Math.min(done, total);
        int filled = (int) (WIDTH * shown / total);
        String eta = rate > 0 ? clock(Math.round((total - shown) / rate)) : "--:--";
        return String.format(Locale.ROOT, "[%s%s] %d/%d %3d%%  %s  ETA %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                shown, total, 100 * shown / total, rateText, eta);
    }

    private static String clock(long seconds) {
        long hours = seconds / 3600;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
