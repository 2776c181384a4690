package com.pricefeed.api.follow;

import com.pricefeed.api.prices.Price;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommittedRowsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");

    private final CommittedRows rows = new CommittedRows();
    private final List<Price> told = new ArrayList<>();

    CommittedRowsTest() {
        rows.addListener(told::add);
    }

    @Test
    void shouldTakeInTheRowReadLaterEvenWhenItsHistoryIdIsSmaller() {
        Price earlier = price("AAPL", "100", T0, 1_000_000);
        Price later = price("AAPL", "101", T0.plusSeconds(1), 42);

        rows.apply(List.of(earlier));
        int changed = rows.apply(List.of(later));

        assertThat(changed).isEqualTo(1);
        assertThat(rows.row("AAPL")).contains(later);
        assertThat(told).containsExactly(earlier, later);
    }

    @Test
    void shouldTellNothingWhenTheRowReadIsTheOneHeld() {
        Price aapl = price("AAPL", "100", T0, 7);
        rows.apply(List.of(aapl, price("MSFT", "400", T0, 8)));

        int changed = rows.apply(List.of(aapl));

        assertThat(changed).isZero();
        assertThat(told).extracting(Price::symbol).containsExactly("AAPL", "MSFT");
    }

    @Test
    void shouldHoldNoRowForASymbolNeverRead() {
        assertThat(rows.row("NOPE")).isEmpty();
    }

    private static Price price(String symbol, String price, Instant at, long historyId) {
        return new Price(symbol, new BigDecimal(price).setScale(4), at, null, null, "polygon", null, historyId, null);
    }
}
