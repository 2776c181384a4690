package com.pricefeed.api.prices;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.schemas.tick.TickParser;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Symbols as callers write them, normalized the way ticks are (trimmed, upper-cased) and validated the same way. */
public final class Symbols {

    /** The longest symbol {@link TickParser#SYMBOL} admits; anything much longer is refused before it is examined. */
    public static final int MAX_SYMBOL_LENGTH = 10;
    private static final int MAX_RAW_LENGTH = 64;

    private Symbols() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.length() > MAX_RAW_LENGTH) {
            throw invalid("A symbol is 1 to " + MAX_SYMBOL_LENGTH + " characters.");
        }
        String symbol = raw.trim().toUpperCase(Locale.ROOT);
        if (!TickParser.SYMBOL.matcher(symbol).matches()) {
            throw invalid("A symbol is 1 to " + MAX_SYMBOL_LENGTH + " characters: letters, digits and . - ^ =, starting with a letter or digit.");
        }
        return symbol;
    }

    /**
     * A comma-separated list of symbols, normalized, without duplicates, in the order given.
     *
     * @throws ApiException 400 when the list is empty, longer than {@code max}, or holds a malformed symbol
     */
    public static List<String> parseList(String csv, int max) {
        if (csv == null || csv.isBlank()) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER,
                    "Query parameter 'symbols' is required: a comma-separated list of up to " + max + " symbols.");
        }
        if (csv.length() > (long) max * (MAX_RAW_LENGTH + 1)) {
            throw tooMany(max);
        }
        String[] parts = csv.split(",", -1);
        if (parts.length > max) {
            throw tooMany(max);
        }
        Set<String> symbols = new LinkedHashSet<>();
        for (String part : parts) {
            if (!part.isBlank()) {
                symbols.add(normalize(part));
            }
        }
        if (symbols.isEmpty()) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "Query parameter 'symbols' names no symbol.");
        }
        return List.copyOf(symbols);
    }

    private static ApiException tooMany(int max) {
        return ApiException.badRequest(ProblemTypes.TOO_MANY_SYMBOLS, "At most " + max + " symbols may be requested at once.");
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest(ProblemTypes.INVALID_SYMBOL, detail);
    }
}
