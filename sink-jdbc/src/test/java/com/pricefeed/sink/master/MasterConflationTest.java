package com.pricefeed.sink.master;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.Newest;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.sink.history.HistoryRow;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;

class MasterConflationTest {

    @Test
    void shouldProposeOneCandidatePerSymbolPointingAtTheNewestBecameCurrentRow() {
        List<MasterCandidate> candidates = MasterConflation.conflate(List.of(
                row(1, aTick().symbol("AAPL").price("100").atSecond(1).current()),
                row(2, aTick().symbol("MSFT").price("300").atSecond(1).current()),
                row(3, aTick().symbol("AAPL").price("101").atSecond(2).current()),
                row(4, aTick().symbol("AAPL").price("99").atSecond(0).late())));

        assertThat(candidates).extracting(c -> c.master().symbol(), c -> c.master().price(), MasterCandidate::historyId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AAPL", new BigDecimal("101"), 3L),
                        org.assertj.core.groups.Tuple.tuple("MSFT", new BigDecimal("300"), 2L));
    }

    @Test
    void shouldKeepMetadataFromEarlierTicksWhenTheNewestStatesNone() {
        List<MasterCandidate> candidates = MasterConflation.conflate(List.of(
                row(1, aTick().atSecond(1).companyName("Apple Inc.").marketCap("2950000000000.00").current()),
                row(2, aTick().atSecond(2).marketCap("3000000000000.00").current()),
                row(3, aTick().atSecond(3).price("190").current())));

        assertThat(candidates).singleElement().satisfies(candidate -> {
            assertThat(candidate.historyId()).isEqualTo(3);
            assertThat(candidate.master().price()).isEqualByComparingTo("190");
            assertThat(candidate.master().companyName()).isEqualTo("Apple Inc.");
            assertThat(candidate.master().marketCap()).isEqualByComparingTo("3000000000000.00");
        });
    }

    @Test
    void shouldCarryTheDelistingOfTheWinningRowAndNoneForARelistingOne() {
        java.time.Instant delisting = aTick().atSecond(10).tick().sourceTimestamp();
        HistoryRecord late = aTick().symbol("GONE").atSecond(4).price("40").current();
        List<MasterCandidate> candidates = MasterConflation.conflate(List.of(
                row(1, aTick().symbol("BACK").atSecond(1).current()),
                row(2, new HistoryRecord(late.tick(), late.receivedAt(), true, delisting)),
                row(3, aTick().symbol("BACK").atSecond(12).current())));

        assertThat(candidates).extracting(c -> c.master().symbol(), MasterCandidate::delistedAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("BACK", null),
                org.assertj.core.groups.Tuple.tuple("GONE", delisting));
    }

    @Test
    void shouldIgnoreRowsThatDidNotBecomeCurrent() {
        assertThat(MasterConflation.conflate(List.of(row(1, aTick().late()), row(2, aTick().atSecond(5).late())))).isEmpty();
    }

    @Test
    void shouldNotLetAReplayedOlderTickReplaceANewerOneInTheSameBatch() {
        List<MasterCandidate> candidates = MasterConflation.conflate(List.of(
                row(1, aTick().atSecond(5).price("105").current()),
                row(2, aTick().atSecond(1).price("101").current())));

        assertThat(candidates).singleElement().satisfies(candidate -> {
            assertThat(candidate.historyId()).isEqualTo(1);
            assertThat(candidate.master().price()).isEqualByComparingTo("105");
        });
    }

    @Property(tries = 200)
    void shouldPickTheNewestTickWhateverTheOrder(@ForAll @IntRange(min = 1, max = 30) int count, @ForAll long seed) {
        Random random = new Random(seed);
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(i + 1, aTick().atSecond(random.nextInt(5)).provider(random.nextBoolean() ? "iex" : "polygon")
                    .price(String.valueOf(100 + random.nextInt(3))).volume(random.nextBoolean() ? null : (long) random.nextInt(3))
                    .current()));
        }
        PriceTick newest = rows.stream().map(HistoryRow::tick).max(Newest.ORDER).orElseThrow();
        Collections.shuffle(rows, random);

        MasterCandidate candidate = MasterConflation.conflate(rows).get(0);

        assertThat(Newest.ORDER.compare(candidate.master().asTick(), newest)).isZero();
        PriceTick pointedAt = rows.stream().filter(r -> r.id() == candidate.historyId()).findFirst().orElseThrow().tick();
        assertThat(Newest.ORDER.compare(pointedAt, newest)).isZero();
    }

    private static HistoryRow row(long id, HistoryRecord record) {
        return new HistoryRow(id, 1, record);
    }
}
