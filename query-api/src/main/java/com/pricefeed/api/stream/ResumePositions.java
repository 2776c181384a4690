package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where each change came in: every row the hub fans out gets the next <em>position</em>, the order in which this
 * instance saw the commits. A client resuming after the event with some history id is sent the current rows of its
 * symbols positioned after it, whatever their ids. Not thread-safe: the hub guards it.
 */
final class ResumePositions {

    private final int remembered;
    private final Map<String, Long> bySymbol = new HashMap<>();
    private final Map<Long, Long> byHistoryId;
    private long last;

    /** @param remembered how many recent changes' history ids are remembered */
    ResumePositions(int remembered) {
        this.remembered = remembered;
        this.byHistoryId = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > ResumePositions.this.remembered;
            }
        };
    }

    /**
     * Gives {@code row} the next position, as its symbol's current one. A history id keeps the position it first came
     * in at: a delisting repeats the id of the price before it, and a client that saw only that price must still be
     * sent the delisting when it resumes (one that saw both is sent the delisted row again: repeated, not missed).
     */
    long take(Price row) {
        long at = ++last;
        bySymbol.put(row.symbol(), at);
        byHistoryId.putIfAbsent(row.latestHistoryId(), at);
        return at;
    }

    /** The position of the current row of {@code symbol}, 0 when none came in. */
    long ofSymbol(String symbol) {
        return bySymbol.getOrDefault(symbol, 0L);
    }

    /**
     * The position of the event with this history id: a recent change, or one of {@code currentRows} (a client's
     * event was a row of its symbols) still current; empty when this instance does not know it.
     */
    OptionalLong ofEvent(long historyId, Collection<Price> currentRows) {
        Long at = byHistoryId.get(historyId);
        if (at != null) {
            return OptionalLong.of(at);
        }
        return currentRows.stream()
                .filter(row -> row.latestHistoryId() == historyId)
                .mapToLong(row -> ofSymbol(row.symbol()))
                .findAny();
    }
}
