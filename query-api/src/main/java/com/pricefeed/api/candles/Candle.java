package com.pricefeed.api.candles;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One OHLCV bar.
 *
 * @param start         start of the bar (UTC, aligned to its interval); it covers [start, start + interval)
 * @param open          price of the earliest tick by source time (ties: the one written first)
 * @param high          highest price
 * @param low           lowest price
 * @param close         price of the newest tick by source time (ties: the one written last)
 * @param volume        sum of the ticks' volumes; ticks without one add nothing
 * @param tickCount     ticks in the bar
 * @param firstTickTime source time of the earliest tick
 * @param lastTickTime  source time of the newest tick
 */
public record Candle(Instant start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                     BigInteger volume, long tickCount, Instant firstTickTime, Instant lastTickTime) {
}
