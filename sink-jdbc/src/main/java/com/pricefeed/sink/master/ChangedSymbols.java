package com.pricefeed.sink.master;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payloads of {@link MasterRepository#CHANGED_CHANNEL}: {@value #PREFIX} followed by the comma-separated symbols
 * whose master rows a transaction upserted, so that a reader fetches those rows by key instead of looking for what
 * changed. PostgreSQL refuses payloads of 8000 bytes or more, so a longer list is split over several payloads; all of
 * them are delivered together, when the transaction commits.
 */
public final class ChangedSymbols {

    public static final String PREFIX = "symbols:";
    /** PostgreSQL's limit is "shorter than 8000 bytes" in the default build. */
    static final int MAX_PAYLOAD_BYTES = 7999;

    private ChangedSymbols() {
    }

    /** The payloads naming {@code symbols}, each one within PostgreSQL's limit; none for no symbol. */
    public static List<String> payloads(List<String> symbols) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(PREFIX);
        int bytes = PREFIX.length();
        for (String symbol : symbols) {
            int symbolBytes = symbol.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > PREFIX.length() && bytes + 1 + symbolBytes > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload.setLength(PREFIX.length());
                bytes = PREFIX.length();
            }
            if (bytes > PREFIX.length()) {
                payload.append(',');
                bytes++;
            }
            payload.append(symbol);
            bytes += symbolBytes;
        }
        if (bytes > PREFIX.length()) {
            payloads.add(payload.toString());
        }
        return payloads;
    }
}
