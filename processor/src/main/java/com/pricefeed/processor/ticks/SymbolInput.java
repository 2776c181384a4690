package com.pricefeed.processor.ticks;

import com.pricefeed.schemas.tick.Delisting;
import com.pricefeed.schemas.tick.PriceTick;

import java.util.Objects;

/**
 * What the processor decides on per symbol, in the order it arrives for that symbol: a price tick or a lifecycle
 * record. Keyed by {@link #symbol()} from parsing on; crosses {@code ticks-by-symbol} in the form of
 * {@link com.pricefeed.processor.state.SymbolInputSerde}.
 */
public sealed interface SymbolInput {

    String symbol();

    /** @param tick an accepted, normalized tick */
    record Tick(PriceTick tick) implements SymbolInput {
        public Tick {
            Objects.requireNonNull(tick, "tick");
        }

        @Override
        public String symbol() {
            return tick.symbol();
        }
    }

    /** @param delisting an accepted, normalized lifecycle record */
    record Delist(Delisting delisting) implements SymbolInput {
        public Delist {
            Objects.requireNonNull(delisting, "delisting");
        }

        @Override
        public String symbol() {
            return delisting.symbol();
        }
    }
}
