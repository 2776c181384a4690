package com.pricefeed.api.history;

import java.time.Instant;
import java.util.Optional;

/**
 * What a history request asks for.
 *
 * @param symbol normalized symbol
 * @param from   inclusive lower bound on source_timestamp, if any
 * @param to     exclusive upper bound on source_timestamp, if any
 * @param after  the cursor of the previous page, if any
 * @param limit  most rows to return
 */
public record HistoryQuery(String symbol, Optional<Instant> from, Optional<Instant> to, Optional<Cursor> after, int limit) {
}
