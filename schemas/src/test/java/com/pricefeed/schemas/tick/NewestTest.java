package com.pricefeed.schemas.tick;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewestTest {

    private static final Instant T = Instant.parse("2026-11-24T14:30:00.123Z");

    @Test
    void anyTickReplacesNoMaster() {
        assertThat(Newest.replaces(tick(T, "polygon", "1.5", 10L), null)).isTrue();
    }

    @Test
    void shouldReplaceMasterWithLaterTick() {
        PriceTick older = tick(T, "polygon", "200.0000", 10L);
        PriceTick newer = tick(T.plusNanos(1), "alpaca", "1.0000", null);

        assertThat(Newest.replaces(newer, older)).isTrue();
        assertThat(Newest.replaces(older, newer)).isFalse();
    }

    @Test
    void shouldBreakTimestampTieByGreaterProviderCodeFirst() {
        PriceTick polygon = tick(T, "polygon", "1.0000", 1L);
        PriceTick alpaca = tick(T, "alpaca", "9.0000", 9L);

        assertThat(Newest.replaces(polygon, alpaca)).isTrue();
        assertThat(Newest.replaces(alpaca, polygon)).isFalse();
    }

    @Test
    void shouldBreakTieOfTimestampAndProviderByGreaterPrice() {
        PriceTick cheap = tick(T, "polygon", "1.4999", 9L);
        PriceTick dear = tick(T, "polygon", "1.5000", 1L);

        assertThat(Newest.replaces(dear, cheap)).isTrue();
        assertThat(Newest.replaces(cheap, dear)).isFalse();
    }

    @Test
    void shouldCompareEqualPricesOfDifferentScaleAsEqualAndFallThroughToVolume() {
        PriceTick shortScale = tick(T, "polygon", "1.5", 10L);
        PriceTick longScale = tick(T, "polygon", "1.50", 11L);

        assertThat(Newest.ORDER.compare(tick(T, "polygon", "1.5", 10L), tick(T, "polygon", "1.50", 10L))).isZero();
        assertThat(Newest.replaces(longScale, shortScale)).isTrue();
        assertThat(Newest.replaces(shortScale, longScale)).isFalse();
    }

    @Test
    void shouldCountMissingVolumeAsSmallest() {
        PriceTick noVolume = tick(T, "polygon", "1.5000", null);
        PriceTick zeroVolume = tick(T, "polygon", "1.5000", 0L);

        assertThat(Newest.replaces(zeroVolume, noVolume)).isTrue();
        assertThat(Newest.replaces(noVolume, zeroVolume)).isFalse();
    }

    @Test
    void shouldKeepCurrentMasterWhenCandidateTiesOnEveryOrderedField() {
        PriceTick current = tick(T, "polygon", "1.5", null);
        PriceTick sameObservation = tick(T, "polygon", "1.5000", null);

        assertThat(Newest.replaces(sameObservation, current)).isFalse();
        assertThat(Newest.replaces(current, sameObservation)).isFalse();
    }

    @Test
    void shouldPickTheSameMasterForEveryArrivalOrderOfTiedTicks() {
        List<PriceTick> ticks = List.of(
                tick(T, "alpaca", "9.0000", 9L),
                tick(T, "polygon", "1.0000", 5L),
                tick(T, "polygon", "1.0000", null),
                tick(T, "polygon", "0.9999", 99L),
                tick(T.minusMillis(1), "zeta", "99.0000", 99L));

        for (List<PriceTick> order : permutations(ticks)) {
            PriceTick master = null;
            for (PriceTick candidate : order) {
                if (Newest.replaces(candidate, master)) {
                    master = candidate;
                }
            }
            assertThat(master).as("master after %s", order).isEqualTo(tick(T, "polygon", "1.0000", 5L));
        }
    }

    private static List<List<PriceTick>> permutations(List<PriceTick> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<PriceTick>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<PriceTick> rest = new ArrayList<>(items);
            PriceTick head = rest.remove(i);
            for (List<PriceTick> tail : permutations(rest)) {
                List<PriceTick> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }

    static PriceTick tick(Instant at, String provider, String price, Long volume) {
        return new PriceTick("AAPL", new BigDecimal(price), at, provider, volume, null, null, null, null, null, null);
    }
}
