package com.pricefeed.sink.support;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;

import java.math.BigDecimal;
import java.time.Instant;

/** Test data: accepted ticks and history records, built field by field. */
public final class Ticks {

    public static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");

    private String symbol = "AAPL";
    private String price = "189.2300";
    private Instant at = T0;
    private String provider = "polygon";
    private Long volume = 1000L;
    private String companyName;
    private String marketCap;
    private String previousClose;

    private Ticks() {
    }

    public static Ticks aTick() {
        return new Ticks();
    }

    public Ticks symbol(String value) {
        symbol = value;
        return this;
    }

    public Ticks price(String value) {
        price = value;
        return this;
    }

    public Ticks at(Instant value) {
        at = value;
        return this;
    }

    public Ticks atSecond(long seconds) {
        at = T0.plusSeconds(seconds);
        return this;
    }

    public Ticks provider(String value) {
        provider = value;
        return this;
    }

    public Ticks volume(Long value) {
        volume = value;
        return this;
    }

    public Ticks companyName(String value) {
        companyName = value;
        return this;
    }

    public Ticks marketCap(String value) {
        marketCap = value;
        return this;
    }

    public Ticks previousClose(String value) {
        previousClose = value;
        return this;
    }

    public PriceTick tick() {
        return new PriceTick(symbol, new BigDecimal(price), at, provider, volume,
                null, null, null, previousClose == null ? null : new BigDecimal(previousClose), companyName, marketCap == null ? null : new BigDecimal(marketCap));
    }

    public HistoryRecord current() {
        return new HistoryRecord(tick(), at.plusMillis(50), true);
    }

    public HistoryRecord late() {
        return new HistoryRecord(tick(), at.plusMillis(50), false);
    }
}
