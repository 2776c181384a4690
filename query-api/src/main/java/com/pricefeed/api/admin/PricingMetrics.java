package com.pricefeed.api.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admin view of the price tables: the seed's figures plus freshness and per-provider figures.
 *
 * @param totalSymbols number of symbols with a current price
 * @param avgPrice     mean of current prices, 4 decimals, or null with no symbols
 * @param symbolPrices symbol to current price, sorted by symbol
 * @param freshness    how recent the current prices are
 * @param providers    per-provider figures, sorted by provider code
 * @param generatedAt  when these figures were read
 */
public record PricingMetrics(
        long totalSymbols,
        BigDecimal avgPrice,
        Map<String, BigDecimal> symbolPrices,
        Freshness freshness,
        List<ProviderFigures> providers,
        Instant generatedAt) {

    /**
     * @param staleAfterSeconds the age beyond which a symbol counts as stale ({@code STALE_AFTER})
     * @param staleSymbols      symbols whose last update is older than that
     * @param oldestLastUpdated the oldest last_updated, or null with no symbols
     * @param newestLastUpdated the newest last_updated, or null with no symbols
     */
    public record Freshness(long staleAfterSeconds, long staleSymbols, Instant oldestLastUpdated, Instant newestLastUpdated) {
    }

    /**
     * @param provider      provider code
     * @param displayName   its display name
     * @param symbolsLed    symbols whose current price comes from this provider
     * @param ticksInWindow history rows received from it within the last {@code windowSeconds}
     * @param windowSeconds the window {@code ticksInWindow} counts over
     * @param lastTickAt    when its newest tick was received, or null before its first
     */
    public record ProviderFigures(String provider, String displayName, long symbolsLed, long ticksInWindow,
                                  long windowSeconds, Instant lastTickAt) {
    }
}
