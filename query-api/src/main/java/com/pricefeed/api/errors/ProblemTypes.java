package com.pricefeed.api.errors;

/**
 * The {@code type} URIs of the problems this API answers with: stable identifiers callers may switch on. They are
 * relative references, resolved against the API's own address (RFC 9457 §3.1.1).
 */
public final class ProblemTypes {

    public static final String INVALID_SYMBOL = "/problems/invalid-symbol";
    public static final String INVALID_PARAMETER = "/problems/invalid-parameter";
    public static final String TOO_MANY_SYMBOLS = "/problems/too-many-symbols";
    public static final String UNKNOWN_SYMBOL = "/problems/unknown-symbol";
    /** The symbol is known, but no tick of it is at or before the instant asked for. */
    public static final String NO_PRICE_AT_INSTANT = "/problems/no-price-at-instant";
    /** The instant is before the retained history: retention dropped the ticks that would answer. */
    public static final String BEFORE_RETAINED_HISTORY = "/problems/before-retained-history";
    public static final String NO_ROUTE = "/problems/no-route";
    public static final String METHOD_NOT_ALLOWED = "/problems/method-not-allowed";
    public static final String NOT_ACCEPTABLE = "/problems/not-acceptable";
    public static final String UNAUTHORIZED = "/problems/unauthorized";
    public static final String FORBIDDEN = "/problems/forbidden";
    public static final String URI_TOO_LONG = "/problems/uri-too-long";
    public static final String BAD_REQUEST = "/problems/bad-request";
    public static final String REQUEST_TOO_LARGE = "/problems/request-too-large";
    public static final String TOO_MANY_REQUESTS = "/problems/too-many-requests";
    public static final String SERVICE_UNAVAILABLE = "/problems/service-unavailable";
    public static final String INTERNAL = "/problems/internal-error";

    private ProblemTypes() {
    }
}
