package com.pricefeed.processor.ticks;

import com.pricefeed.schemas.tick.PriceTick;

import java.util.Objects;

/** A record of {@code price-ticks} after parsing: a valid tick, or the untouched bytes of a rejected one. */
public sealed interface ParsedTick {

    /** @param sourcePartition the {@code price-ticks} partition the tick was read from, or -1 when unknown */
    record Valid(PriceTick tick, int sourcePartition) implements ParsedTick {
        public Valid {
            Objects.requireNonNull(tick, "tick");
        }
    }

    /** @param originalValue the value exactly as received (possibly null), for the dead-letter topic */
    record Invalid(byte[] originalValue) implements ParsedTick {
    }
}
