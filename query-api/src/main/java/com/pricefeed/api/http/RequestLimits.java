package com.pricefeed.api.http;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import io.javalin.http.Context;

import java.util.Map;

/**
 * Bounds on what a request may carry. The API reads no request bodies, so a request announcing a large one is
 * refused (413) before anything else; the request line and headers are bounded by Jetty at
 * {@link #MAX_REQUEST_HEAD_BYTES} (414, 431). Every response also tells browsers not to sniff content types.
 */
public final class RequestLimits {

    public static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;
    static final long MAX_BODY_BYTES = 16 * 1024;

    private RequestLimits() {
    }

    public static void check(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiException(413, ProblemTypes.REQUEST_TOO_LARGE, "Content Too Large",
                    "This API reads no request bodies; at most " + MAX_BODY_BYTES + " bytes are accepted.", Map.of());
        }
    }
}
