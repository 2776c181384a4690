package com.pricefeed.api.candles;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The bar widths the API serves. Bars are aligned to the Unix epoch in UTC (a 1d bar is one UTC day). */
public enum Interval {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String code;
    private final Duration width;

    Interval(String code, Duration width) {
        this.code = code;
        this.width = width;
    }

    public static Interval parse(String value) {
        for (Interval interval : values()) {
            if (interval.code.equals(value.trim())) {
                return interval;
            }
        }
        throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "Query parameter 'interval' must be one of "
                + Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", ")) + ".");
    }

    public String code() {
        return code;
    }

    public Duration width() {
        return width;
    }

    /** The start of the bar that holds {@code instant}. */
    public Instant floor(Instant instant) {
        long seconds = width.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** The start of the bar {@code bars} widths after {@code start}. */
    public Instant plus(Instant start, long bars) {
        return start.plus(width.multipliedBy(bars));
    }
}
