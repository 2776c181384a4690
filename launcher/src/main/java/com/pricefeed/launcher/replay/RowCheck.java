package com.pricefeed.launcher.replay;

import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.TickParser;

import java.time.Instant;
import java.util.Locale;

/** The local check of a CSV row with the processor's own {@link TickParser}, before anything is sent. */
final class RowCheck {

    private final TickParser parser;

    RowCheck(TickParser parser) {
        this.parser = parser;
    }

    /** What the check made of one row. */
    sealed interface Checked {
        long line();
    }

    /**
     * A row the processor will accept (it may still be late or a duplicate: that takes its state to tell).
     *
     * @param key             the normalized symbol, so the tick lands on the partition of that symbol's other ticks
     * @param value           the tick JSON to publish, exactly as checked
     * @param sourceTimestamp when the provider observed the price, for pacing
     */
    record Valid(long line, String key, byte[] value, Instant sourceTimestamp) implements Checked {
    }

    /**
     * A row the processor would dead-letter, or one that is not a tick at all.
     *
     * @param reason  a {@link com.pricefeed.schemas.tick.RejectReason} name, or {@value CsvRow.Malformed#REASON}
     * @param key     the symbol cell trimmed and upper-cased, or {@code null} when there is none
     * @param value   the tick JSON, for {@code --send-invalid}; {@code null} when the row maps to no tick
     */
    record Invalid(long line, String reason, String message, String key, byte[] value) implements Checked {

        boolean sendable() {
            return value != null;
        }

        /** For example {@code line 108: PRICE_NOT_POSITIVE price must be positive, got -413.3700}. */
        String describe() {
            return "line " + line + ": " + reason + " " + message;
        }
    }

    Checked check(CsvRow row) {
        if (row instanceof CsvRow.Malformed malformed) {
            return new Invalid(malformed.line(), CsvRow.Malformed.REASON, malformed.problem(), null, null);
        }
        CsvRow.Tick tick = (CsvRow.Tick) row;
        byte[] value = tick.value();
        ParseResult result = parser.parse(value);
        if (result instanceof ParseResult.Accepted accepted) {
            return new Valid(tick.line(), accepted.tick().symbol(), value, accepted.tick().sourceTimestamp());
        }
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        return new Invalid(tick.line(), rejected.reason().name(), rejected.message(), keyOf(tick.rawSymbol()), value);
    }

    /** The key of a row that failed the check: its symbol normalized the way the processor would, if it has one. */
    private static String keyOf(String rawSymbol) {
        if (rawSymbol == null || rawSymbol.isBlank()) {
            return null;
        }
        return rawSymbol.trim().toUpperCase(Locale.ROOT);
    }
}
