package com.pricefeed.api.http;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reads of query parameters that answer 400 for malformed encodings and repeated parameters instead of failing. */
public final class QueryParams {

    private static final int MAX_TIME_LENGTH = 40;

    private QueryParams() {
    }

    /** The one value of {@code name}, absent when the parameter is missing or blank. */
    public static Optional<String> single(Context ctx, String name) {
        List<String> values;
        try {
            values = ctx.queryParams(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "The query string is not correctly percent-encoded.");
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "Query parameter '" + name + "' is given more than once.");
        }
        return values.stream().filter(value -> !value.isBlank()).findFirst();
    }

    public static Optional<Integer> integer(Context ctx, String name, int min, int max) {
        return single(ctx, name).map(value -> {
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // answered below
            }
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER,
                    "Query parameter '" + name + "' must be a whole number from " + min + " to " + max + ".");
        });
    }

    /** An ISO-8601 timestamp with an offset; a '+' decoded to a space is read back as '+'. */
    public static Optional<Instant> instant(Context ctx, String name) {
        return single(ctx, name).map(value -> {
            if (value.length() <= MAX_TIME_LENGTH) {
                try {
                    return OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant();
                } catch (DateTimeParseException ignored) {
                    // answered below
                }
            }
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER,
                    "Query parameter '" + name + "' must be an ISO-8601 timestamp with an offset, e.g. 2026-11-24T14:30:00Z.");
        });
    }
}
