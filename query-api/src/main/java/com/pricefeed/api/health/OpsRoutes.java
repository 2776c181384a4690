package com.pricefeed.api.health;

import com.pricefeed.platform.ops.Health;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} (Prometheus text format). Readiness answers from
 * what the follower of committed rows knows, without a query: the follower hears from the database at least every
 * second, so a flood of probes costs the database nothing and takes no pooled connection from price lookups.
 */
public final class OpsRoutes {

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String METRICS = "/metrics";
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Health readiness;
    private final PrometheusMeterRegistry registry;

    public OpsRoutes(Health readiness, PrometheusMeterRegistry registry) {
        this.readiness = readiness;
        this.registry = registry;
    }

    /** Whether {@code path} is one of these routes. */
    public static boolean serves(String path) {
        return path.equals(LIVE) || path.equals(READY) || path.equals(METRICS);
    }

    public void register(RoutesConfig routes) {
        routes.get(LIVE, ctx -> ctx.json(new HealthStatus("UP", "ok")));
        routes.get(READY, this::ready);
        routes.get(METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    }

    private void ready(Context ctx) {
        Health.Status status = readiness.check();
        ctx.status(status.ready() ? 200 : 503).json(new HealthStatus(status.ready() ? "UP" : "DOWN", status.detail()));
    }
}
