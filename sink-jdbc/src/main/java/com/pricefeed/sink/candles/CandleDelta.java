package com.pricefeed.sink.candles;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * What one batch adds to the one-minute bar of a symbol: the bar of this batch's ticks alone, merged into the stored
 * bar by {@link CandleRepository}. Open and close are the ticks with the smallest and greatest
 * (source timestamp, history id).
 */
public record CandleDelta(String symbol, Instant bucketStart, BigDecimal open, BigDecimal high, BigDecimal low,
                          BigDecimal close, BigInteger volume, long tickCount, Instant firstTickTime, long openHistoryId,
                          Instant lastTickTime, long closeHistoryId) {
}
