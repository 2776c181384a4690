package com.pricefeed.api.prices;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The current price of one symbol as the API shows it, with the seed's field names.
 *
 * @param symbol          the symbol
 * @param price           the master price, 4 decimals, as an exact JSON string
 * @param lastUpdated     source timestamp of the tick that set it (ISO-8601 UTC)
 * @param companyName     company name, or null when no tick carried one
 * @param volume          volume of that tick, or null
 * @param provider        code of the provider whose tick leads
 * @param marketCap       market capitalisation, 2 decimals, or null
 * @param latestHistoryId id of the history row this price came from
 * @param previousClose   previous close carried by that history row's tick, or null
 */
public record Price(
        String symbol,
        BigDecimal price,
        Instant lastUpdated,
        String companyName,
        Long volume,
        String provider,
        BigDecimal marketCap,
        long latestHistoryId,
        BigDecimal previousClose) {
}
