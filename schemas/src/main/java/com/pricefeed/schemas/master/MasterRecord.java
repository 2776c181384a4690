package com.pricefeed.schemas.master;

import com.pricefeed.schemas.tick.PriceTick;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The current price of one symbol: the value on the compacted {@code realtime-symbols} topic, keyed by symbol, and
 * the state the processor keeps per symbol. It is the newest accepted tick, with the company name and market cap
 * carried over from earlier ticks when the newest does not state them.
 *
 * @param symbol        the instrument
 * @param price         the current price, {@code DECIMAL(15,4)}
 * @param lastUpdated   the source timestamp of the tick that set this price
 * @param provider      the provider code of that tick
 * @param volume        that tick's volume, or {@code null}
 * @param openPrice     that tick's session open, or {@code null}
 * @param highPrice     that tick's session high, or {@code null}
 * @param lowPrice      that tick's session low, or {@code null}
 * @param previousClose that tick's previous close, or {@code null}
 * @param companyName   the latest company name stated by any accepted tick, or {@code null}
 * @param marketCap     the latest market cap stated by any accepted tick, or {@code null}
 */
public record MasterRecord(
        String symbol,
        BigDecimal price,
        Instant lastUpdated,
        String provider,
        Long volume,
        BigDecimal openPrice,
        BigDecimal highPrice,
        BigDecimal lowPrice,
        BigDecimal previousClose,
        String companyName,
        BigDecimal marketCap) {

    public MasterRecord {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(provider, "provider");
    }

    /** The master after {@code tick} became current, keeping metadata from {@code previous} where the tick has none. */
    public static MasterRecord of(PriceTick tick, MasterRecord previous) {
        String companyName = tick.companyName() != null || previous == null ? tick.companyName() : previous.companyName();
        BigDecimal marketCap = tick.marketCap() != null || previous == null ? tick.marketCap() : previous.marketCap();
        return new MasterRecord(tick.symbol(), tick.price(), tick.sourceTimestamp(), tick.provider(), tick.volume(),
                tick.openPrice(), tick.highPrice(), tick.lowPrice(), tick.previousClose(), companyName, marketCap);
    }

    /** The tick this master was set by, for comparing it with a candidate by {@link com.pricefeed.schemas.tick.Newest}. */
    public PriceTick asTick() {
        return new PriceTick(symbol, price, lastUpdated, provider, volume,
                openPrice, highPrice, lowPrice, previousClose, companyName, marketCap);
    }
}
