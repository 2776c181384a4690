package com.pricefeed.api.history;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of history ended: the (source_timestamp, id) of its last row. The next page starts strictly after it
 * in (source_timestamp DESC, id DESC) order, so rows written meanwhile neither shift nor repeat the pages. Callers
 * see it as an opaque URL-safe token.
 *
 * @param sourceTimestamp source timestamp of the last row returned (PostgreSQL keeps microseconds)
 * @param id              id of that row
 */
public record Cursor(Instant sourceTimestamp, long id) {

    private static final Pattern FORMAT = Pattern.compile("^v1:(-?\\d{1,19}):(\\d{1,19})$");
    private static final int MAX_TOKEN_LENGTH = 64;

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, sourceTimestamp);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static Cursor decode(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            Matcher matcher = FORMAT.matcher(text);
            if (!matcher.matches()) {
                throw invalid();
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(matcher.group(1)), ChronoUnit.MICROS);
            return new Cursor(at, Long.parseLong(matcher.group(2)));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest(ProblemTypes.INVALID_PARAMETER,
                "Query parameter 'cursor' is not a cursor this API issued; use the next_cursor of the previous page.");
    }
}
