package com.pricefeed.schemas.tick;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TickIdentityTest {

    private static final Instant T = Instant.parse("2026-11-24T14:30:00.123Z");

    @Test
    void shouldTreatPricesOfDifferentScaleAsTheSameIdentity() {
        TickIdentity shortScale = identity("AAPL", "polygon", T, "1.5", 10L);
        TickIdentity longScale = identity("AAPL", "polygon", T, "1.5000", 10L);

        assertThat(longScale).isEqualTo(shortScale).hasSameHashCodeAs(shortScale);
        assertThat(longScale.asKey()).isEqualTo(shortScale.asKey());
    }

    @Test
    void shouldTreatWholePricesOfDifferentScaleAsTheSameIdentity() {
        assertThat(identity("AAPL", "polygon", T, "100", null))
                .isEqualTo(identity("AAPL", "polygon", T, "100.0000", null));
        assertThat(identity("AAPL", "polygon", T, "100", null).asKey())
                .isEqualTo(identity("AAPL", "polygon", T, "100.0000", null).asKey())
                .contains("|100|");
    }

    @Test
    void shouldIgnoreEverythingButSymbolProviderTimestampPriceAndVolume() {
        PriceTick plain = new PriceTick("AAPL", new BigDecimal("1.5000"), T, "polygon", 10L,
                null, null, null, null, null, null);
        PriceTick rich = new PriceTick("AAPL", new BigDecimal("1.5000"), T, "polygon", 10L,
                BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE, "Apple Inc.", BigDecimal.TEN);

        assertThat(rich.identity()).isEqualTo(plain.identity());
    }

    @Test
    void shouldTellApartTicksDifferingInAnyIdentityField() {
        TickIdentity base = identity("AAPL", "polygon", T, "1.5", 10L);

        assertThat(identity("MSFT", "polygon", T, "1.5", 10L)).isNotEqualTo(base);
        assertThat(identity("AAPL", "alpaca", T, "1.5", 10L)).isNotEqualTo(base);
        assertThat(identity("AAPL", "polygon", T.plusNanos(1), "1.5", 10L)).isNotEqualTo(base);
        assertThat(identity("AAPL", "polygon", T, "1.5001", 10L)).isNotEqualTo(base);
        assertThat(identity("AAPL", "polygon", T, "1.5", 11L)).isNotEqualTo(base);
        assertThat(identity("AAPL", "polygon", T, "1.5", null)).isNotEqualTo(base);
    }

    @Test
    void shouldGiveDistinctKeysToDistinctIdentities() {
        Instant fiveNanos = Instant.ofEpochSecond(1, 5);
        Instant halfSecond = Instant.ofEpochSecond(1, 500_000_000);

        assertThat(identity("AAPL", "polygon", fiveNanos, "1.5", null).asKey())
                .isNotEqualTo(identity("AAPL", "polygon", halfSecond, "1.5", null).asKey());
        assertThat(identity("AAPL", "polygon", T, "1.5", null).asKey())
                .isNotEqualTo(identity("AAPL", "polygon", T, "1.5", 0L).asKey());
    }

    private static TickIdentity identity(String symbol, String provider, Instant at, String price, Long volume) {
        return new TickIdentity(symbol, provider, at, new BigDecimal(price), volume);
    }
}
