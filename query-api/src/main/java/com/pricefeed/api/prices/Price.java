package com.pricefeed.api.prices;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The current price of one symbol as the API shows it, with the seed's field names.
 *
 * @param symbol          the symbol
 * @param price           the master price, 4 decimals, as an exact JSON string; for a delisted symbol its last price
 * @param lastUpdated     source timestamp of the tick that set it (ISO-8601 UTC)
 * @param companyName     company name, or null when no tick carried one
 * @param volume          volume of that tick, or null
 * @param provider        code of the provider whose tick leads
 * @param marketCap       market capitalisation, 2 decimals, or null
 * @param latestHistoryId id of the history row this price came from
 * @param previousClose   previous close carried by that history row's tick, or null
 * @param status          {@value #LISTED}, or {@value #DELISTED} while a delisting is in force
 * @param delistedAt      source time of the delisting in force, or null while listed
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
        BigDecimal previousClose,
        String status,
        Instant delistedAt) {

    public static final String LISTED = "listed";
    public static final String DELISTED = "delisted";

    public Price {
        if (!status(delistedAt).equals(status)) {
            throw new IllegalArgumentException("status " + status + " contradicts delisted_at " + delistedAt);
        }
    }

    /** A price whose status follows from {@code delistedAt}: delisted when it is set. */
    public Price(String symbol, BigDecimal price, Instant lastUpdated, String companyName, Long volume, String provider,
                 BigDecimal marketCap, long latestHistoryId, BigDecimal previousClose, Instant delistedAt) {
        this(symbol, price, lastUpdated, companyName, volume, provider, marketCap, latestHistoryId, previousClose,
                status(delistedAt), delistedAt);
    }

    /** The price of a listed symbol. */
    public Price(String symbol, BigDecimal price, Instant lastUpdated, String companyName, Long volume, String provider,
                 BigDecimal marketCap, long latestHistoryId, BigDecimal previousClose) {
        this(symbol, price, lastUpdated, companyName, volume, provider, marketCap, latestHistoryId, previousClose, null);
    }

    /** Whether a delisting is in force. */
    public boolean delisted() {
        return delistedAt != null;
    }

    /** The status a master row with this {@code delisted_at} has. */
    public static String status(Instant delistedAt) {
        return delistedAt == null ? LISTED : DELISTED;
    }
}
