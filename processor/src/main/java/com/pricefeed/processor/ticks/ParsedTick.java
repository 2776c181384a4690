package com.pricefeed.processor.ticks;

import java.util.Objects;

/** A record of {@code price-ticks} after parsing: a valid tick or lifecycle record, or the dead letter of a rejected one. */
public sealed interface ParsedTick {

    /**
     * @param input           the tick or lifecycle record
     * @param sourcePartition the {@code price-ticks} partition it was read from, or -1 when unknown
     */
    record Valid(SymbolInput input, int sourcePartition) implements ParsedTick {
        public Valid {
            Objects.requireNonNull(input, "input");
        }
    }

    /**
     * @param key   the key of the dead letter: as received, unless it had to be truncated (possibly null)
     * @param value the value of the dead letter: as received, unless it had to be truncated (possibly null)
     */
    record Invalid(byte[] key, byte[] value) implements ParsedTick {
    }
}
