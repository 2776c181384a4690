package com.pricefeed.api.follow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the payloads the sink sends on {@link ListeningConnection#CHANNEL} with each batch it commits:
 * {@value #PREFIX} followed by the comma-separated symbols whose master rows the batch upserted (a long list comes
 * split over several payloads of the same transaction).
 */
final class ChangedSymbols {

    static final String PREFIX = "symbols:";

    private ChangedSymbols() {
    }

    /** The symbols {@code payload} names; empty when it is not in this format (a sink of an earlier version). */
    static Optional<List<String>> parse(String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String list = payload.substring(PREFIX.length());
        return Optional.of(list.isEmpty() ? List.of() : Arrays.asList(list.split(",")));
    }
}
