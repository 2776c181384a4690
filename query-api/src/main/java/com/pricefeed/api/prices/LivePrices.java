package com.pricefeed.api.prices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Current prices from rows held in memory while those are fresh, from the database otherwise. A price served is
 * never older than the committed master row by more than the bound {@link CurrentRows} keeps
 * ({@code PRICE_MAX_STALENESS}); a symbol not held in memory (new, or unknown) is always looked up in the database,
 * so it is never wrongly reported missing.
 */
public final class LivePrices {

    private final CurrentRows memory;
    private final PriceRepository database;
    private final Counter fromMemory;
    private final Counter fromDatabase;

    public LivePrices(CurrentRows memory, PriceRepository database, MeterRegistry registry) {
        this.memory = memory;
        this.database = database;
        this.fromMemory = lookups(registry, "memory");
        this.fromDatabase = lookups(registry, "database");
    }

    public Optional<Price> find(String symbol) throws SQLException {
        Optional<Price> held = memory.freshRow(symbol);
        if (held.isPresent()) {
            fromMemory.increment();
            return held;
        }
        fromDatabase.increment();
        return database.find(symbol);
    }

    /** The prices of those of {@code symbols} that have one, in no particular order. */
    public List<Price> findAll(List<String> symbols) throws SQLException {
        List<Price> prices = new ArrayList<>(symbols.size());
        List<String> elsewhere = new ArrayList<>();
        for (String symbol : symbols) {
            memory.freshRow(symbol).ifPresentOrElse(prices::add, () -> elsewhere.add(symbol));
        }
        fromMemory.increment(prices.size());
        if (!elsewhere.isEmpty()) {
            fromDatabase.increment(elsewhere.size());
            prices.addAll(database.findAll(elsewhere));
        }
        return prices;
    }

    private static Counter lookups(MeterRegistry registry, String source) {
        return Counter.builder("api.price.lookups")
                .description("Current-price lookups by where they were answered from")
                .tag("source", source)
                .register(registry);
    }
}
