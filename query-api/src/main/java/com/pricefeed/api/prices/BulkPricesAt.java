package com.pricefeed.api.prices;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a bulk request with {@code at}: a portfolio valued at one instant.
 *
 * @param at       the instant asked for
 * @param prices   the prices in effect then, in the order asked for
 * @param notFound requested symbols with no price at that instant
 */
public record BulkPricesAt(Instant at, List<PriceAt> prices, List<String> notFound) {
}
