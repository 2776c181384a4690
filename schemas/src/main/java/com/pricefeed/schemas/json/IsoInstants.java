package com.pricefeed.schemas.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one ISO-8601 form this system writes and most publishers send, {@code 2026-11-24T14:30:00.123Z} (UTC,
 * four-digit year, zero to nine fraction digits), without {@link java.time.format.DateTimeFormatter}, whose general
 * parsing costs more than everything else in decoding a record. Any other text is left to the caller's full parser.
 */
public final class IsoInstants {

    private static final int SECONDS_END = "2026-11-24T14:30:00".length();

    private IsoInstants() {
    }

    /** The instant {@code text} names, or null when it is not in the canonical UTC form (parse it in full then). */
    public static Instant parseCanonical(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || length > SECONDS_END + 11 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fraction(text, SECONDS_END, length - 1);
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Nanoseconds of an optional {@code .ddd…} between from and to; 0 when empty, -1 when malformed. */
    private static int fraction(String text, int from, int to) {
        if (from == to) {
            return 0;
        }
        int digits = to - from - 1;
        if (text.charAt(from) != '.' || digits < 1 || digits > 9) {
            return -1;
        }
        int value = digits(text, from + 1, to);
        if (value < 0) {
            return -1;
        }
        for (int i = digits; i < 9; i++) {
            value *= 10;
        }
        return value;
    }

    /** The decimal number in text[from, to), or -1 when any character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
