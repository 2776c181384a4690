package com.pricefeed.schemas.master;

import com.pricefeed.schemas.tick.PriceTick;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MasterRecordTest {

    private static final Instant T = Instant.parse("2026-11-24T14:30:00.123Z");

    @Test
    void shouldTakeEverythingFromTheFirstTick() {
        PriceTick tick = tick("189.2300", T, "Apple Inc.", "2950000000000.00");

        MasterRecord master = MasterRecord.of(tick, null);

        assertThat(master).isEqualTo(new MasterRecord("AAPL", new BigDecimal("189.2300"), T, "polygon", 51234567L,
                new BigDecimal("188.1000"), null, null, null, "Apple Inc.", new BigDecimal("2950000000000.00")));
        assertThat(master.asTick()).isEqualTo(tick);
    }

    @Test
    void shouldKeepCompanyNameAndMarketCapWhenNewerTickOmitsThem() {
        MasterRecord previous = MasterRecord.of(tick("189.2300", T, "Apple Inc.", "2950000000000.00"), null);

        MasterRecord master = MasterRecord.of(tick("190.0000", T.plusSeconds(1), null, null), previous);

        assertThat(master.price()).isEqualTo(new BigDecimal("190.0000"));
        assertThat(master.lastUpdated()).isEqualTo(T.plusSeconds(1));
        assertThat(master.companyName()).isEqualTo("Apple Inc.");
        assertThat(master.marketCap()).isEqualTo(new BigDecimal("2950000000000.00"));
    }

    @Test
    void shouldMergeEachMetadataFieldOnItsOwn() {
        MasterRecord previous = MasterRecord.of(tick("189.2300", T, "Apple Inc.", "2950000000000.00"), null);

        MasterRecord named = MasterRecord.of(tick("190.0000", T.plusSeconds(1), "Apple", null), previous);
        MasterRecord valued = MasterRecord.of(tick("190.0000", T.plusSeconds(1), null, "3000000000000.00"), previous);

        assertThat(named.companyName()).isEqualTo("Apple");
        assertThat(named.marketCap()).isEqualTo(new BigDecimal("2950000000000.00"));
        assertThat(valued.companyName()).isEqualTo("Apple Inc.");
        assertThat(valued.marketCap()).isEqualTo(new BigDecimal("3000000000000.00"));
    }

    @Test
    void shouldTakePriceFieldsOnlyFromTheNewTickNeverFromThePrevious() {
        MasterRecord previous = MasterRecord.of(tick("189.2300", T, null, null), null);
        PriceTick bare = new PriceTick("AAPL", new BigDecimal("191.0000"), T.plusSeconds(1), "alpaca", null,
                null, null, null, null, null, null);

        MasterRecord master = MasterRecord.of(bare, previous);

        assertThat(master.provider()).isEqualTo("alpaca");
        assertThat(master.volume()).isNull();
        assertThat(master.openPrice()).isNull();
    }

    private static PriceTick tick(String price, Instant at, String companyName, String marketCap) {
        return new PriceTick("AAPL", new BigDecimal(price), at, "polygon", 51234567L, new BigDecimal("188.1000"),
                null, null, null, companyName, marketCap == null ? null : new BigDecimal(marketCap));
    }
}
