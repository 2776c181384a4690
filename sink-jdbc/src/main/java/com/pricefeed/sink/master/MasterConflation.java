package com.pricefeed.sink.master;

import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.Newest;
import com.pricefeed.sink.history.HistoryRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch's history rows into at most one master candidate per symbol, so the batch upserts each symbol once.
 *
 * <p>Only rows that became current count, in partition order (a symbol lives in one partition, so that is the
 * order the processor accepted them in). Each one merges metadata from the candidate before it with
 * {@link MasterRecord#of}. A row that does not replace the candidate by {@link Newest} is skipped, as the table's
 * own guard would skip it: a replay of old records can then never pick an older winner. The candidate carries the
 * delisting its record carries: set for a late tick that became a delisted symbol's last price, null for one that
 * (re)lists the symbol.
 */
public final class MasterConflation {

    private MasterConflation() {
    }

    public static List<MasterCandidate> conflate(List<HistoryRow> rows) {
        Map<String, MasterCandidate> bySymbol = new LinkedHashMap<>();
        for (HistoryRow row : rows) {
            if (!row.record().becameCurrent()) {
                continue;
            }
            MasterCandidate current = bySymbol.get(row.tick().symbol());
            MasterRecord previous = current == null ? null : current.master();
            if (previous == null || Newest.replaces(row.tick(), previous.asTick())) {
                bySymbol.put(row.tick().symbol(),
                        new MasterCandidate(MasterRecord.of(row.tick(), previous), row.id(), row.record().delistedAt()));
            }
        }
        return new ArrayList<>(bySymbol.values());
    }
}
