package com.pricefeed.api.prices;

import java.util.List;

/**
 * The answer to a bulk request: the prices found, in the order asked for, and the symbols that have none.
 *
 * @param prices   current prices of the symbols found
 * @param notFound requested symbols with no price
 */
public record BulkPrices(List<Price> prices, List<String> notFound) {
}
