package com.pricefeed.api.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request count and latency histogram ({@code http_server_requests_seconds}) by method, route template, status and
 * outcome. The route is the matched template ({@code /api/v1/market-data/prices/{symbol}}), never the raw path, so
 * callers cannot blow up the number of series; requests that match no route share {@code UNMATCHED}.
 */
public final class HttpMetrics {

    private static final String START = HttpMetrics.class.getName() + ".start";
    private static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;
    /** Found once per series rather than built and looked up in the registry on every request. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void before(Context ctx) {
        ctx.attribute(START, System.nanoTime());
    }

    public void after(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) {
            return;
        }
        timers.computeIfAbsent(new Series(ctx.method().name(), routeOf(ctx), ctx.statusCode()), this::timer)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series series) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests served by the query API")
                .tag("method", series.method())
                .tag("uri", series.route())
                .tag("status", Integer.toString(series.status()))
                .tag("outcome", outcome(series.status()))
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? UNMATCHED : endpoint.path;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    private record Series(String method, String route, int status) {
    }
}
