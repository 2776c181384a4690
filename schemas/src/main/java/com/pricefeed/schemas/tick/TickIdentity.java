package com.pricefeed.schemas.tick;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What makes two ticks the same observation: symbol, provider, source timestamp, price and volume. A tick whose
 * identity equals that of an already accepted tick is a duplicate. Prices compare by value, so {@code 1.5} and
 * {@code 1.5000} are the same price.
 */
public record TickIdentity(String symbol, String provider, Instant sourceTimestamp, BigDecimal price, Long volume) {

    public TickIdentity {
        price = price.stripTrailingZeros();
    }

    /** A compact, unambiguous string form, usable as a store key. */
    public String asKey() {
        return symbol + '|' + provider + '|' + sourceTimestamp + '|' + price.toPlainString() + '|' + (volume == null ? "" : volume.toString());
    }
}
