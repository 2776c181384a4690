package com.pricefeed.api.candles;

import java.time.Instant;
import java.util.List;

/**
 * The bars of one page, oldest first; bars without ticks are left out.
 *
 * @param symbol   the symbol
 * @param interval the bar width, e.g. 5m
 * @param from     start of the range this page covers
 * @param to       end (exclusive) of the range this page covers
 * @param candles  the bars starting in [from, to)
 * @param next     the request for the next page, or null on the last one
 */
public record CandlePage(String symbol, String interval, Instant from, Instant to, List<Candle> candles, String next) {
}
