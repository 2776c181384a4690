package com.pricefeed.sink.candles;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.offsets.PositionConflictException;
import com.pricefeed.sink.support.BarsDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.pricefeed.sink.support.BarsDatabase.batch;
import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Any order of a tick set, with exact duplicates, late ticks across minutes, any cut into batches and batches
 * delivered again, leaves the bars that SQL over the history rows computes, and the same bars whatever the order.
 */
class CandlePropertyIT {

    private static final Instant START = Instant.parse("2026-11-24T14:29:00Z");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static BarsDatabase database;

    @BeforeContainer
    static void createDatabase() {
        database = BarsDatabase.create();
    }

    @AfterContainer
    static void dropDatabase() {
        database.close();
    }

    @Property(tries = 60)
    void shouldKeepTheBarsTheHistoryDefinesWhateverTheOrderAndBatching(
            @ForAll("tickSets") List<TickSpec> ticks, @ForAll @IntRange(min = 0, max = 4) int duplicates,
            @ForAll @IntRange(min = 1, max = 6) int batches, @ForAll long seed) throws Exception {
        int attempt = TRIES.incrementAndGet();
        List<String> symbols = List.of("P" + attempt + "A", "P" + attempt + "B");
        Random random = new Random(seed);
        List<HistoryRecord> records = new ArrayList<>();
        for (TickSpec tick : ticks) {
            records.add(tick.record(symbols));
        }
        for (int i = 0; i < duplicates; i++) {
            records.add(records.get(random.nextInt(records.size())));
        }
        Collections.shuffle(records, random);

        writeInBatches("bars-property-" + attempt, records, batches, random);

        assertThat(database.count("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'P" + attempt + "_'"))
                .isEqualTo(records.size());
        List<List<String>> stored = database.rows(BarsDatabase.STORED, symbols);
        assertThat(stored).isEqualTo(database.rows(BarsDatabase.FROM_HISTORY, symbols));
        assertThat(withoutIds(stored)).isEqualTo(expectedBars(records));
    }

    @Provide
    Arbitrary<List<TickSpec>> tickSets() {
        Arbitrary<TickSpec> tick = Combinators.combine(
                Arbitraries.integers().between(0, 1),
                // Four minutes of source time: ticks late by any amount land in earlier minutes.
                Arbitraries.integers().between(0, 4 * 60_000 - 1),
                Arbitraries.integers().between(1, 20_000),
                Arbitraries.longs().between(0, 1_000_000).injectNull(0.3)).as(TickSpec::new);
        // One tick per symbol and instant, so only exact duplicates share an instant and the bars cannot depend on order.
        return tick.list().ofMinSize(1).ofMaxSize(40).uniqueElements(spec -> spec.symbol() + ":" + spec.millis());
    }

    /** Writes the records in {@code batches} consecutive batches, each delivered again now and then (and refused). */
    private static void writeInBatches(String topic, List<HistoryRecord> records, int batches, Random random) throws Exception {
        int size = Math.max(1, (records.size() + batches - 1) / batches);
        for (int from = 0; from < records.size(); from += size) {
            List<HistoryRecord> part = records.subList(from, Math.min(records.size(), from + size));
            database.writer().write(batch(topic, from, part));
            if (random.nextInt(3) == 0) {
                int offset = from;
                assertThatThrownBy(() -> database.writer().write(batch(topic, offset, part)))
                        .isInstanceOf(PositionConflictException.class);
            }
        }
    }

    /** The bars by definition, computed in Java from the records, without the history ids the database assigned. */
    private static List<List<String>> expectedBars(List<HistoryRecord> records) {
        Map<String, List<HistoryRecord>> byBar = new TreeMap<>();
        for (HistoryRecord record : records) {
            String key = record.tick().symbol() + " " + record.tick().sourceTimestamp().truncatedTo(ChronoUnit.MINUTES);
            byBar.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        List<List<String>> bars = new ArrayList<>();
        byBar.values().forEach(bar -> {
            bar.sort((a, b) -> a.tick().sourceTimestamp().compareTo(b.tick().sourceTimestamp()));
            HistoryRecord first = bar.get(0);
            HistoryRecord last = bar.get(bar.size() - 1);
            BigDecimal high = bar.stream().map(r -> r.tick().price()).reduce(BigDecimal::max).orElseThrow();
            BigDecimal low = bar.stream().map(r -> r.tick().price()).reduce(BigDecimal::min).orElseThrow();
            long volume = bar.stream().filter(r -> r.tick().volume() != null).mapToLong(r -> r.tick().volume()).sum();
            bars.add(List.of(first.tick().symbol(), money(first.tick().price()), money(high), money(low),
                    money(last.tick().price()), Long.toString(volume), Integer.toString(bar.size()),
                    first.tick().sourceTimestamp().toString(), last.tick().sourceTimestamp().toString()));
        });
        return bars;
    }

    /** Stored rows as symbol, open, high, low, close, volume, ticks, first and last tick time (ISO). */
    private static List<List<String>> withoutIds(List<List<String>> stored) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : stored) {
            rows.add(List.of(row.get(0), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6), row.get(7),
                    iso(row.get(8)), iso(row.get(10))));
        }
        return rows;
    }

    private static String iso(String timestamptz) {
        return OffsetDateTime.parse(timestamptz.replace(' ', 'T') + (timestamptz.matches(".*[+-]\\d\\d$") ? ":00" : ""))
                .toInstant().toString();
    }

    private static String money(BigDecimal value) {
        return value.setScale(4).toPlainString();
    }

    record TickSpec(int symbol, int millis, int cents, Long volume) {

        HistoryRecord record(List<String> symbols) {
            return aTick().symbol(symbols.get(symbol)).at(START.plusMillis(millis)).price(BigDecimal.valueOf(cents, 2).toPlainString())
                    .volume(volume).late();
        }
    }
}
