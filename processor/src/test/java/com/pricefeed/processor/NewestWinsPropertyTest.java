package com.pricefeed.processor;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.Newest;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.tick.TickIdentity;
import com.pricefeed.testing.TickBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the arrival order and however many duplicates are mixed in: the master of each symbol is the newest of
 * the distinct ticks by {@link Newest#ORDER}, and history holds every distinct tick exactly once.
 */
class NewestWinsPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");

    @Property(tries = 150)
    void masterIsNewestDistinctTickAndHistoryHoldsEachDistinctTickOnce(@ForAll("arrivals") List<Spec> arrivals) {
        Map<TickIdentity, PriceTick> distinct = arrivals.stream().map(Spec::tick)
                .collect(Collectors.toMap(PriceTick::identity, Function.identity(), (first, second) -> first));

        try (TopologyHarness harness = new TopologyHarness()) {
            arrivals.forEach(spec -> harness.send(spec.json()));

            List<HistoryRecord> history = harness.history.readValuesToList();
            assertThat(history).extracting(record -> record.tick().identity())
                    .containsExactlyInAnyOrderElementsOf(distinct.keySet());
            Map<String, PriceTick> newest = distinct.values().stream().collect(Collectors.toMap(
                    PriceTick::symbol, Function.identity(), (a, b) -> Newest.ORDER.compare(a, b) >= 0 ? a : b));
            newest.forEach((symbol, tick) -> {
                MasterRecord master = harness.master(symbol);
                assertThat(master.asTick().identity()).as("master of %s", symbol).isEqualTo(tick.identity());
            });
            Map<String, MasterRecord> published = harness.realtimeSymbols.readKeyValuesToMap();
            assertThat(published.keySet()).isEqualTo(newest.keySet());
            published.forEach((symbol, master) ->
                    assertThat(master.asTick().identity()).isEqualTo(newest.get(symbol).identity()));
            assertThat(history.stream().filter(h -> !h.becameCurrent()).count())
                    .isEqualTo((long) harness.count(com.pricefeed.processor.metrics.TickCounters.LATE));
        }
    }

    @Provide
    Arbitrary<List<Spec>> arrivals() {
        Arbitrary<Spec> spec = Combinators.combine(
                Arbitraries.of("AAA", "BBB", "CCC"),
                Arbitraries.of("alpha", "beta"),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of("1.00", "1.5", "2.0000", "2.25"),
                Arbitraries.of(-1L, 100L, 200L)).as(Spec::new);
        return spec.list().ofMinSize(1).ofMaxSize(20).flatMap(ticks ->
                Arbitraries.integers().between(0, ticks.size() - 1).list().ofMaxSize(10).flatMap(repeats -> {
                    List<Spec> all = new ArrayList<>(ticks);
                    repeats.forEach(index -> all.add(ticks.get(index)));
                    return Arbitraries.shuffle(all);
                }));
    }

    /** One tick; a negative volume stands for "no volume". Equal specs are duplicates. */
    record Spec(String symbol, String provider, int secondsAfterT0, String price, long volume) {

        byte[] json() {
            TickBuilder builder = aTick().symbol(symbol).provider(provider).at(T0.plusSeconds(secondsAfterT0)).price(price);
            return (volume < 0 ? builder.without("volume") : builder.volume(volume)).bytes();
        }

        PriceTick tick() {
            return new PriceTick(symbol, new BigDecimal(price).setScale(4), T0.plusSeconds(secondsAfterT0), provider,
                    volume < 0 ? null : volume, null, null, null, null, null, null);
        }
    }
}
