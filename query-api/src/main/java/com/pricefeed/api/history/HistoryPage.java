package com.pricefeed.api.history;

import java.util.List;

/**
 * One page of a symbol's history, newest first.
 *
 * @param symbol     the symbol
 * @param history    the rows, ordered by source_timestamp then id, both descending
 * @param nextCursor token for the next (older) page, or null on the last page
 */
public record HistoryPage(String symbol, List<HistoryEntry> history, String nextCursor) {
}
