package com.pricefeed.api.follow;

import com.pricefeed.database.ChangedSymbols;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a set of change notifications asks the follower to read: the symbols they name, and whether any payload was
 * not understood, in which case the follower reads every change since its last horizon instead.
 *
 * @param symbols      the symbols named, each once
 * @param unrecognized whether some payload named no symbols in the known format
 */
record Notified(Set<String> symbols, boolean unrecognized) {

    Notified {
        symbols = Set.copyOf(symbols);
    }

    static Notified of(List<String> payloads) {
        Set<String> symbols = new HashSet<>();
        boolean unrecognized = false;
        for (String payload : payloads) {
            Optional<List<String>> named = ChangedSymbols.parse(payload);
            if (named.isPresent()) {
                symbols.addAll(named.get());
            } else {
                unrecognized = true;
            }
        }
        return new Notified(symbols, unrecognized);
    }

    boolean none() {
        return symbols.isEmpty() && !unrecognized;
    }
}
