package com.pricefeed.api.follow;

import com.pricefeed.api.prices.Price;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The committed master row of every symbol, as last read from the database.
 *
 * <p>The follower reads one read after another on one connection, each in a snapshot taken after the previous read
 * ended, so a row read later shows a later state of the database: it replaces the row held whenever the two differ.
 * No history id or timestamp is compared: ids are allocated before commit (a batch with smaller ids may commit
 * last, and after partitions are added to {@code price-history} a newer master may carry a smaller id), and the
 * database has already applied newest-wins by source time before the row was committed.
 */
public final class CommittedRows {

    private final Map<String, Price> rows = new ConcurrentHashMap<>();
    private final List<MasterChanges> listeners = new CopyOnWriteArrayList<>();

    /** Tells {@code listener} of every change taken in from now on. */
    public void addListener(MasterChanges listener) {
        listeners.add(listener);
    }

    /** The row last read for {@code symbol}, however long ago. */
    public Optional<Price> row(String symbol) {
        return Optional.ofNullable(rows.get(symbol));
    }

    /**
     * Runs {@code action} between two changes: no row is taken in while it runs, so what it reads here and what the
     * listeners are told afterwards neither overlap nor leave a gap.
     */
    public synchronized <T> T betweenChanges(Supplier<T> action) {
        return action.get();
    }

    /** Takes in rows just read, in order; returns how many differed from the rows held. */
    synchronized int apply(List<Price> read) {
        int changed = 0;
        for (Price row : read) {
            if (!row.equals(rows.put(row.symbol(), row))) {
                changed++;
                listeners.forEach(listener -> listener.changed(row));
            }
        }
        return changed;
    }
}
