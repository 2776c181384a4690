package com.pricefeed.launcher.replay;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a replay did.
 *
 * @param rowsRead      data rows read from the CSV (the header and blank lines not counted)
 * @param published     records the broker acknowledged
 * @param invalid       rows the local check rejected, by reason code ({@link com.pricefeed.schemas.tick.RejectReason}
 *                      names, or {@value CsvRow.Malformed#REASON})
 * @param invalidSent   how many of those were published anyway ({@code --send-invalid})
 * @param sendFailures  records the broker did not acknowledge
 * @param stoppedBy     why the replay ended before the end of the file, or {@code null} when it read it all
 * @param elapsed       wall-clock time of the replay
 */
record ReplaySummary(long rowsRead, long published, SortedMap<String, Long> invalid, long invalidSent,
                     long sendFailures, String stoppedBy, Duration elapsed) {

    private static final int LABEL_WIDTH = 28;

    ReplaySummary {
        invalid = Collections.unmodifiableSortedMap(new TreeMap<>(invalid));
    }

    long invalidCount() {
        return invalid.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean succeeded() {
        return sendFailures == 0 && stoppedBy == null;
    }

    /**
     * For example:
     * <pre>
     * Replay finished in 6.0 s
     *   rows read                   300
     *   published                   298 to price-ticks
     *   rejected locally              2 (not sent)
     *     LOW_ABOVE_HIGH              1
     *     PRICE_NOT_POSITIVE          1
     *   send failures                 0
     * </pre>
     */
    String render(String topic) {
        long invalidCount = invalidCount();
        String fate = invalidCount == 0 ? ""
                : invalidSent > 0 ? " (sent anyway: the processor dead-letters them)" : " (not sent)";
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Replay %s in %.1f s%n",
                stoppedBy == null ? "finished" : "stopped (" + stoppedBy + ")", elapsed.toMillis() / 1000.0));
        line(text, "  ", "rows read", rowsRead, "");
        line(text, "  ", "published", published, " to " + topic);
        line(text, "  ", "rejected locally", invalidCount, fate);
        invalid.forEach((reason, count) -> line(text, "    ", reason, count, ""));
        line(text, "  ", "send failures", sendFailures, "");
        return text.toString();
    }

    private static void line(StringBuilder text, String indent, String label, long count, String note) {
        text.append(indent).append(String.format(Locale.ROOT, "%-" + (LABEL_WIDTH - indent.length()) + "s%6d%s%n",
                label, count, note));
    }
}
