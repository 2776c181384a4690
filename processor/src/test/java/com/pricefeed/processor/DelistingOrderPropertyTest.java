package com.pricefeed.processor;

import com.pricefeed.processor.master.SymbolState;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.Newest;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.testing.TickBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.pricefeed.testing.DelistingBuilder.aDelisting;
import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delisting is order-independent: any permutation of one symbol's ticks and delistings, duplicates mixed in, ends in
 * the same state. Each permutation is played as its own symbol ({@code P0}, {@code P1}, …) through one topology, and
 * every one must end as the rules say, whatever the order:
 * <ul>
 *   <li>the master store holds the newest tick by {@link Newest#ORDER}, delisted at the newest delisting exactly when
 *       that delisting is not older than the newest tick;</li>
 *   <li>the last value on {@code realtime-symbols} is a tombstone when delisted, else that tick;</li>
 *   <li>history holds every distinct tick once, and a sink that applies the history events in order (a record that
 *       became current sets the row and its {@code delisted_at}; a delisting sets {@code delisted_at} when not older
 *       than the row's price) ends with that tick and that delisting.</li>
 * </ul>
 */
class DelistingOrderPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");
    private static final int ORDERS = 4;

    @Property(tries = 60)
    void anyOrderOfTicksAndDelistingsEndsInTheSameState(@ForAll("orders") List<List<Event>> orders) {
        List<Event> events = orders.get(0);
        PriceTick newest = events.stream().filter(Event::isTick).map(e -> e.tick("X"))
                .reduce(null, (a, b) -> a == null || Newest.ORDER.compare(b, a) > 0 ? b : a);
        Instant lastDelisting = events.stream().filter(e -> !e.isTick()).map(Event::at).max(Instant::compareTo).orElse(null);
        boolean delisted = lastDelisting != null && (newest == null || !lastDelisting.isBefore(newest.sourceTimestamp()));
        Set<Event> distinctTicks = new HashSet<>(events.stream().filter(Event::isTick).toList());

        try (TopologyHarness harness = new TopologyHarness()) {
            for (int i = 0; i < orders.size(); i++) {
                String symbol = "P" + i;
                orders.get(i).forEach(event -> harness.send(event.json(symbol)));
            }
            Map<String, List<HistoryEvent>> history = new HashMap<>();
            harness.historyEvents.readRecordsToList().forEach(r -> history.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
            Map<String, MasterRecord> lastPublished = new HashMap<>();
            for (TestRecord<String, MasterRecord> record : harness.realtimeSymbols.readRecordsToList()) {
                lastPublished.put(record.key(), record.value());
            }

            for (int i = 0; i < orders.size(); i++) {
                String symbol = "P" + i;
                String as = "order " + i + ": " + orders.get(i);
                SymbolState state = harness.state(symbol);
                assertThat(state.delistedAt()).as(as).isEqualTo(delisted ? lastDelisting : null);
                assertThat(identity(state.master())).as(as).isEqualTo(identity(newest));
                assertThat(lastPublished.containsKey(symbol)).as(as).isTrue();
                assertThat(identity(lastPublished.get(symbol))).as(as).isEqualTo(delisted ? null : identity(newest));

                List<HistoryEvent> events0 = history.getOrDefault(symbol, List.of());
                assertThat(events0).filteredOn(HistoryRecord.class::isInstance)
                        .extracting(e -> identity(((HistoryRecord) e).tick()))
                        .as(as).containsExactlyInAnyOrderElementsOf(distinctTicks.stream().map(e -> identity(e.tick(symbol))).toList());
                SinkRow row = SinkRow.after(events0);
                if (newest == null) {
                    assertThat(row).as(as).isNull();
                } else {
                    assertThat(row).as(as).isEqualTo(new SinkRow(identity(newest), delisted ? lastDelisting : null));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<List<Event>>> orders() {
        Arbitrary<Event> tick = Combinators.combine(
                Arbitraries.of("alpha", "beta"),
                Arbitraries.integers().between(0, 4),
                Arbitraries.of("1.00", "2.25")).as((provider, seconds, price) -> new Event(true, provider, seconds, price));
        Arbitrary<Event> delisting = Arbitraries.integers().between(0, 5).map(seconds -> new Event(false, "nasdaq", seconds, null));
        Arbitrary<List<Event>> distinct = Combinators.combine(tick.list().ofMaxSize(6), delisting.list().ofMaxSize(3))
                .as((ticks, delistings) -> {
                    List<Event> all = new ArrayList<>(ticks);
                    all.addAll(delistings);
                    return all;
                }).filter(all -> !all.isEmpty());
        return distinct.flatMap(all -> Arbitraries.integers().between(0, all.size() - 1).list().ofMaxSize(4).flatMap(repeats -> {
            List<Event> withDuplicates = new ArrayList<>(all);
            repeats.forEach(index -> withDuplicates.add(all.get(index)));
            return Arbitraries.shuffle(withDuplicates).list().ofSize(ORDERS);
        }));
    }

    /** A tick's identity without its symbol, so that the permutations' symbols compare; null for none or a tombstone. */
    private static String identity(PriceTick tick) {
        return tick == null ? null : tick.sourceTimestamp() + "/" + tick.provider() + "/" + tick.price().stripTrailingZeros().toPlainString();
    }

    private static String identity(MasterRecord master) {
        return master == null ? null : identity(master.asTick());
    }

    /** A tick ({@code isTick}) or a delisting of the permutation's symbol, {@code seconds} after T0. */
    record Event(boolean isTick, String provider, int seconds, String price) {

        Instant at() {
            return T0.plusSeconds(seconds);
        }

        byte[] json(String symbol) {
            if (!isTick) {
                return aDelisting().symbol(symbol).provider(provider).at(at()).bytes();
            }
            TickBuilder builder = aTick().symbol(symbol).provider(provider).at(at()).price(price).without("volume");
            return builder.bytes();
        }

        PriceTick tick(String symbol) {
            return new PriceTick(symbol, new BigDecimal(price).setScale(4), at(), provider, null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return (isTick ? "tick " + provider + "@" + seconds + "=" + price : "delist@" + seconds);
        }
    }

    /** The sink's master row as the contract describes it: a price and its {@code delisted_at}. */
    record SinkRow(String tick, Instant delistedAt) {

        static SinkRow after(List<HistoryEvent> events) {
            SinkRow row = null;
            Instant rowUpdated = null;
            for (HistoryEvent event : events) {
                if (event instanceof HistoryRecord record && record.becameCurrent()) {
                    row = new SinkRow(identity(record.tick()), record.delistedAt());
                    rowUpdated = record.tick().sourceTimestamp();
                } else if (event instanceof SymbolDelisting delisting && row != null && !rowUpdated.isAfter(delisting.delistedAt())) {
                    row = new SinkRow(row.tick(), delisting.delistedAt());
                }
            }
            return row;
        }
    }
}
