package com.pricefeed.schemas.tick;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted, normalized price tick: the symbol upper-cased, the provider lower-cased, money scaled to at most
 * four decimal places (market cap to two) and the source timestamp as an {@link Instant}.
 *
 * <p>Only {@link TickParser} makes these from publisher input, so every instance has passed validation.
 *
 * @param symbol          the instrument, matching {@code ^[A-Z0-9][A-Z0-9.\-^=]{0,9}$}
 * @param price           the traded or quoted price, positive, fits {@code DECIMAL(15,4)}
 * @param sourceTimestamp when the provider observed the price; the event time that decides which tick is newest
 * @param provider        the provider code, matching {@code ^[a-z0-9][a-z0-9_-]{0,49}$}
 * @param volume          traded volume, non-negative, or {@code null} when not given
 * @param openPrice       session open, positive, or {@code null}
 * @param highPrice       session high, positive, or {@code null}
 * @param lowPrice        session low, positive, not above {@code highPrice}, or {@code null}
 * @param previousClose   previous session close, positive, or {@code null}
 * @param companyName     trimmed, 1 to 200 characters (code points), no control characters, or {@code null} to keep
 *                        the master's value
 * @param marketCap       fits {@code DECIMAL(20,2)}, or {@code null} to keep the master's value
 */
public record PriceTick(
        String symbol,
        BigDecimal price,
        Instant sourceTimestamp,
        String provider,
        Long volume,
        BigDecimal openPrice,
        BigDecimal highPrice,
        BigDecimal lowPrice,
        BigDecimal previousClose,
        String companyName,
        BigDecimal marketCap) {

    public PriceTick {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(sourceTimestamp, "sourceTimestamp");
        Objects.requireNonNull(provider, "provider");
    }

    /** The fields that make two ticks the same observation; see the duplicate rule. */
    public TickIdentity identity() {
        return new TickIdentity(symbol, provider, sourceTimestamp, price, volume);
    }
}
