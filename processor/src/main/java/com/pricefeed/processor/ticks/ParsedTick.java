package com.pricefeed.processor.ticks;

import com.pricefeed.schemas.tick.PriceTick;

import java.util.Objects;

/** A record of {@code price-ticks} after parsing: a valid tick, or the dead letter of a rejected one. */
public sealed interface ParsedTick {

    /** @param sourcePartition the {@code price-ticks} partition the tick was read from, or -1 when unknown */
    record Valid(PriceTick tick, int sourcePartition) implements ParsedTick {
        public Valid {
            Objects.requireNonNull(tick, "tick");
        }
    }

    /**
     * @param key   the key of the dead letter: as received, unless it had to be truncated (possibly null)
     * @param value the value of the dead letter: as received, unless it had to be truncated (possibly null)
     */
    record Invalid(byte[] key, byte[] value) implements ParsedTick {
    }
}
