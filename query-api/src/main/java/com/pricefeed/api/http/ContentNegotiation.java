package com.pricefeed.api.http;

import com.pricefeed.api.errors.ApiException;
import io.javalin.http.Context;

import java.util.Locale;

/**
 * Answers 406 when the caller's {@code Accept} header rules out the one media type a route produces. No header, or
 * any range that covers the type, is fine; ranges with {@code q=0} are refusals.
 */
public final class ContentNegotiation {

    private ContentNegotiation() {
    }

    public static void require(Context ctx, String produced) {
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank() || accepts(accept, produced)) {
            return;
        }
        throw ApiException.notAcceptable("This resource is available as " + produced + " only.");
    }

    static boolean accepts(String acceptHeader, String produced) {
        String producedType = produced.substring(0, produced.indexOf('/'));
        for (String range : acceptHeader.split(",")) {
            String[] parts = range.split(";");
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            if (refused(parts)) {
                continue;
            }
            if (mediaRange.equals("*/*") || mediaRange.equals(produced) || mediaRange.equals(producedType + "/*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) <= 0.0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
