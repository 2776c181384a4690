package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePositionsTest {

    private final ResumePositions positions = new ResumePositions(2);

    @Test
    void shouldPositionChangesInTheOrderTheyCameInWhateverTheirIds() {
        long first = positions.take(price("AAPL", 500));
        long second = positions.take(price("MSFT", 7));

        assertThat(second).isGreaterThan(first);
        assertThat(positions.ofEvent(7, List.of())).hasValue(second);
        assertThat(positions.ofSymbol("AAPL")).isEqualTo(first);
        assertThat(positions.ofSymbol("NOPE")).isZero();
    }

    @Test
    void shouldFindAForgottenEventAmongTheCurrentRowsOfTheClientsSymbols() {
        Price aapl = price("AAPL", 1);
        long at = positions.take(aapl);
        positions.take(price("MSFT", 2));
        positions.take(price("TSLA", 3));

        assertThat(positions.ofEvent(1, List.of(aapl))).hasValue(at);
        assertThat(positions.ofEvent(1, List.of())).isEmpty();
    }

    @Test
    void shouldResumeAfterAPriceEventWithTheDelistingThatRepeatedItsId() {
        long priced = positions.take(price("ACME", 9));
        long delisted = positions.take(new Price("ACME", BigDecimal.ONE, Instant.EPOCH, null, null, "polygon", null, 9, null,
                Instant.parse("2026-12-06T12:00:00Z")));

        // A client that saw the price event (id 9) is positioned before the delisting, so it is sent the delisted row.
        assertThat(positions.ofEvent(9, List.of())).hasValue(priced);
        assertThat(positions.ofSymbol("ACME")).isEqualTo(delisted).isGreaterThan(priced);
    }

    private static Price price(String symbol, long historyId) {
        return new Price(symbol, BigDecimal.ONE, Instant.EPOCH, null, null, "polygon", null, historyId, null);
    }
}
