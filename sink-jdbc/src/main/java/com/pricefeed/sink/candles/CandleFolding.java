package com.pricefeed.sink.candles;

import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.sink.history.HistoryRow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch's history rows into one {@link CandleDelta} per symbol and minute of source time, so the batch
 * upserts each bar once. Every row counts: each one is a history row inserted in the same transaction.
 */
public final class CandleFolding {

    private static final Comparator<CandleDelta> BY_BAR =
            Comparator.comparing(CandleDelta::symbol).thenComparing(CandleDelta::bucketStart);

    private CandleFolding() {
    }

    /** The deltas, ordered by symbol and minute (so concurrent writers lock bars in one order). */
    public static List<CandleDelta> fold(List<HistoryRow> rows) {
        Map<Bar, Accumulator> bars = new HashMap<>();
        for (HistoryRow row : rows) {
            PriceTick tick = row.tick();
            Bar bar = new Bar(tick.symbol(), tick.sourceTimestamp().truncatedTo(ChronoUnit.MINUTES));
            bars.computeIfAbsent(bar, key -> new Accumulator(row)).add(row);
        }
        List<CandleDelta> deltas = new ArrayList<>(bars.size());
        bars.forEach((bar, accumulator) -> deltas.add(accumulator.delta(bar)));
        deltas.sort(BY_BAR);
        return deltas;
    }

    private record Bar(String symbol, Instant bucketStart) {
    }

    private static final class Accumulator {

        private HistoryRow first;
        private HistoryRow last;
        private BigDecimal high;
        private BigDecimal low;
        private BigInteger volume = BigInteger.ZERO;
        private long count;

        Accumulator(HistoryRow row) {
            first = row;
            last = row;
            high = row.tick().price();
            low = row.tick().price();
        }

        void add(HistoryRow row) {
            PriceTick tick = row.tick();
            if (before(row, first)) {
                first = row;
            }
            if (before(last, row)) {
                last = row;
            }
            high = high.max(tick.price());
            low = low.min(tick.price());
            if (tick.volume() != null) {
                volume = volume.add(BigInteger.valueOf(tick.volume()));
            }
            count++;
        }

        CandleDelta delta(Bar bar) {
            return new CandleDelta(bar.symbol(), bar.bucketStart(), first.tick().price(), high, low, last.tick().price(),
                    volume, count, first.tick().sourceTimestamp(), first.id(), last.tick().sourceTimestamp(), last.id());
        }

        /** The bar's order of ticks: by source timestamp, ties by history id. */
        private static boolean before(HistoryRow a, HistoryRow b) {
            int byTime = a.tick().sourceTimestamp().compareTo(b.tick().sourceTimestamp());
            return byTime < 0 || byTime == 0 && a.id() < b.id();
        }
    }
}
