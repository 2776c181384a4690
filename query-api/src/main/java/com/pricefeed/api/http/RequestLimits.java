package com.pricefeed.api.http;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.api.prices.Symbols;
import io.javalin.http.Context;

import java.util.Map;

/**
 * Bounds on what a request may carry. The API reads no request bodies, so a request announcing a large one is
 * refused (413) before anything else; the request line and headers together are bounded by Jetty at
 * {@link #requestHeadBytes} (414, 431), which leaves room for the longest symbol list a request may name. Every
 * response also tells browsers not to sniff content types.
 */
public final class RequestLimits {

    /** The request line and headers of any request besides its list of symbols. */
    static final int BASE_REQUEST_HEAD_BYTES = 8 * 1024;
    /** A symbol of the greatest length with every character percent-encoded, and its separator encoded too. */
    static final int MAX_ENCODED_SYMBOL_BYTES = 3 * Symbols.MAX_SYMBOL_LENGTH + 3;
    static final long MAX_BODY_BYTES = 16 * 1024;

    private RequestLimits() {
    }

    /** The largest request head accepted: room for {@code bulkMaxSymbols} symbols however a client encodes them. */
    public static int requestHeadBytes(int bulkMaxSymbols) {
        return BASE_REQUEST_HEAD_BYTES + bulkMaxSymbols * MAX_ENCODED_SYMBOL_BYTES;
    }

    public static void check(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiException(413, ProblemTypes.REQUEST_TOO_LARGE, "Content Too Large",
                    "This API reads no request bodies; at most " + MAX_BODY_BYTES + " bytes are accepted.", Map.of());
        }
    }
}
