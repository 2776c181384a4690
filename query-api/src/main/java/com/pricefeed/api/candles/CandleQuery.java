package com.pricefeed.api.candles;

import java.time.Instant;

/**
 * One page of bars: those starting in [from, end), where end is {@code to} or, when sooner, {@code limit} widths after
 * {@code from}.
 *
 * @param symbol   normalized symbol
 * @param interval bar width
 * @param from     start of the first bar of the page (aligned to the interval)
 * @param to       exclusive bound the caller asked for
 * @param limit    most bars on a page
 */
public record CandleQuery(String symbol, Interval interval, Instant from, Instant to, int limit) {

    /** Where this page stops: the next page, if any, starts here. */
    public Instant end() {
        Instant full = interval.plus(from, limit);
        return full.isBefore(to) ? full : to;
    }

    public boolean hasNext() {
        return end().isBefore(to);
    }
}
