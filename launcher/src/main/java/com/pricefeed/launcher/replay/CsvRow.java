package com.pricefeed.launcher.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/** One data row of a tick CSV: the tick JSON it maps to, or why it maps to none. */
sealed interface CsvRow {

    /** The line of the file the row starts on, counting the header as line 1. */
    long line();

    /**
     * A row mapped to tick JSON, not yet validated.
     *
     * @param json the tick object; each present cell is one field
     */
    record Tick(long line, ObjectNode json) implements CsvRow {

        /** The value to publish: the JSON as UTF-8. */
        byte[] value() {
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** The symbol cell as written, or {@code null} when the row has none. */
        String rawSymbol() {
            return json.hasNonNull("symbol") ? json.get("symbol").asText() : null;
        }
    }

    /**
     * A row whose cells cannot be matched to the header's columns, so it maps to no tick at all.
     *
     * @param problem what is wrong, for a human
     */
    record Malformed(long line, String problem) implements CsvRow {

        /** The reason code reported for such rows, beside the {@link com.pricefeed.schemas.tick.RejectReason} names. */
        static final String REASON = "CSV_COLUMN_COUNT";
    }
}
