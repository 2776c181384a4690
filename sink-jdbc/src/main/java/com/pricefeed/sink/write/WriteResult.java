package com.pricefeed.sink.write;

import java.time.Instant;

/**
 * What one committed transaction wrote.
 *
 * @param historyRows     rows inserted into {@code realtime_price_history}
 * @param mastersChanged  rows of {@code realtime_symbols} inserted, moved forward or delisted
 * @param maxHistoryId    the greatest history id written, or 0 when none
 * @param newestSource    the greatest source timestamp written, or {@code null} when none
 */
public record WriteResult(int historyRows, int mastersChanged, long maxHistoryId, Instant newestSource) {
}
