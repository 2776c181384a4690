package com.pricefeed.api.prices;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The price of one symbol in effect at an instant: the newest accepted tick with {@code source_timestamp ≤ at}
 * (ties broken as for the master row: provider code, price, volume).
 *
 * @param symbol        the symbol
 * @param price         that tick's price, 4 decimals, as an exact JSON string
 * @param lastUpdated   that tick's source timestamp
 * @param volume        that tick's volume, or null
 * @param provider      that tick's provider code
 * @param previousClose that tick's previous close, or null
 * @param historyId     the id of its history row
 * @param status        {@value Price#DELISTED} when the symbol's delisting in force now took effect at or before the
 *                      instant, else {@value Price#LISTED} (a delisting that a later tick lifted is not kept)
 * @param delistedAt    that delisting's source time, or null
 */
public record PriceAt(
        String symbol,
        BigDecimal price,
        Instant lastUpdated,
        Long volume,
        String provider,
        BigDecimal previousClose,
        long historyId,
        String status,
        Instant delistedAt) {
}
