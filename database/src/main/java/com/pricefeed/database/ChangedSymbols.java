package com.pricefeed.database;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The payloads of {@link Channels#REALTIME_SYMBOLS_CHANGED}: {@value #PREFIX} followed by the comma-separated symbols
 * whose master rows a transaction upserted, so that a reader fetches those rows by key instead of looking for what
 * changed. The sink writes them ({@link #payloads}), the API reads them ({@link #parse}). PostgreSQL refuses payloads of 8000 bytes or more, so a longer list is split over several payloads; all of
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

    /** The symbols {@code payload} names; empty when it is not in this format (a sink of an earlier version). */
    public static Optional<List<String>> parse(String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String list = payload.substring(PREFIX.length());
        return Optional.of(list.isEmpty() ? List.of() : Arrays.asList(list.split(",")));
    }
}
