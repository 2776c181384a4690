package com.pricefeed.api.errors;

import java.util.Map;

/**
 * A request the API refuses, with the status and the problem type it is answered with. Handlers throw these; the one
 * {@link ProblemHandler} turns them into RFC 9457 problem JSON. The detail is shown to the caller, so it must name
 * what was wrong with the request and never anything internal.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> headers;

    public ApiException(int status, String type, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(400, type, "Bad Request", detail, Map.of());
    }

    public static ApiException notFound(String type, String detail) {
        return new ApiException(404, type, "Not Found", detail, Map.of());
    }

    public static ApiException gone(String type, String detail) {
        return new ApiException(410, type, "Gone", detail, Map.of());
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail,
                Map.of("WWW-Authenticate", "Bearer realm=\"admin\""));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", detail, Map.of());
    }

    public static ApiException notAcceptable(String detail) {
        return new ApiException(406, ProblemTypes.NOT_ACCEPTABLE, "Not Acceptable", detail, Map.of());
    }

    public static ApiException uriTooLong(String detail) {
        return new ApiException(414, ProblemTypes.URI_TOO_LONG, "URI Too Long", detail, Map.of());
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, ProblemTypes.TOO_MANY_REQUESTS, "Too Many Requests", detail,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiException serviceUnavailable(String detail) {
        return new ApiException(503, ProblemTypes.SERVICE_UNAVAILABLE, "Service Unavailable", detail, Map.of("Retry-After", "5"));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }
}
