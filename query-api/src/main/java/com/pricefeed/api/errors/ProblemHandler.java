package com.pricefeed.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place where failures become responses: typed {@link ApiException}s keep their status, Javalin's own
 * routing failures (404, 405) get the same shape, an unreachable database is a 503, anything else a bare 500. The
 * body never carries a stack trace, SQL or a message from inside the server; those go to the log.
 */
public final class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int MAX_INSTANCE_LENGTH = 256;
    /** SQL states that mean "the database is not there right now" rather than "this query is wrong". */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "53000");

    private final ObjectMapper mapper;

    public ProblemHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void handle(Exception exception, Context ctx) {
        respond(ctx, toProblemException(exception, ctx));
    }

    private ApiException toProblemException(Exception exception, Context ctx) {
        if (exception instanceof ApiException api) {
            return api;
        }
        if (exception instanceof HttpResponseException http) {
            return fromJavalin(http, ctx);
        }
        if (isDatabaseUnavailable(exception)) {
            log.warn("Database unavailable while serving {} {}: {}", ctx.method(), ctx.path(), exception.toString());
            return ApiException.serviceUnavailable("The price database is unavailable; retry shortly.");
        }
        log.error("Unexpected failure serving {} {}", ctx.method(), ctx.path(), exception);
        return new ApiException(500, ProblemTypes.INTERNAL, "Internal Server Error",
                "The server could not complete the request.", Map.of());
    }

    private static ApiException fromJavalin(HttpResponseException http, Context ctx) {
        int status = http.getStatus();
        String title = HttpStatus.forStatus(status).getMessage();
        return switch (status) {
            case 404 -> new ApiException(404, ProblemTypes.NO_ROUTE, title, "No resource at this path.", Map.of());
            case 405 -> {
                String allow = allowedMethods(http);
                yield new ApiException(405, ProblemTypes.METHOD_NOT_ALLOWED, title,
                        "Method " + ctx.method().name() + " is not allowed here; allowed: " + allow + ".",
                        Map.of("Allow", allow));
            }
            default -> new ApiException(status, status >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.BAD_REQUEST, title,
                    title + ".", Map.of());
        };
    }

    private static String allowedMethods(HttpResponseException http) {
        return http.getDetails().values().stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(method -> !method.isEmpty())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private void respond(Context ctx, ApiException problem) {
        ctx.status(problem.status());
        problem.headers().forEach(ctx::header);
        ctx.contentType(Problem.MEDIA_TYPE);
        ctx.result(body(new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), instance(ctx.path()))));
    }

    public byte[] body(Problem problem) {
        try {
            return mapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record must always serialize", e);
        }
    }

    static String instance(String path) {
        if (path == null) {
            return null;
        }
        return path.length() <= MAX_INSTANCE_LENGTH ? path : path.substring(0, MAX_INSTANCE_LENGTH) + "...";
    }

    /** Whether the failure means the database cannot be reached, as opposed to a failing statement. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
