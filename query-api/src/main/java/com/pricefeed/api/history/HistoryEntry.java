package com.pricefeed.api.history;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One accepted tick of a symbol, as stored in {@code realtime_price_history}.
 *
 * @param id              history row id (the id the master row and stream events refer to)
 * @param symbol          the symbol
 * @param price           price, 4 decimals, as an exact JSON string
 * @param volume          volume, or null
 * @param sourceTimestamp when the provider priced it
 * @param fetchedAt       when the system received it
 * @param provider        provider code
 * @param openPrice       open, or null
 * @param highPrice       high, or null
 * @param lowPrice        low, or null
 * @param previousClose   previous close, or null
 */
public record HistoryEntry(
        long id,
        String symbol,
        BigDecimal price,
        Long volume,
        Instant sourceTimestamp,
        Instant fetchedAt,
        String provider,
        BigDecimal openPrice,
        BigDecimal highPrice,
        BigDecimal lowPrice,
        BigDecimal previousClose) {
}
