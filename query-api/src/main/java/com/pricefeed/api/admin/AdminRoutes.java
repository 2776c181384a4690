package com.pricefeed.api.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;

/** {@code GET /api/v1/admin/pricing-metrics}, behind the {@link AdminGuard}. */
public final class AdminRoutes {

    public static final String PRICING_METRICS = "/api/v1/admin/pricing-metrics";

    private final AdminRepository repository;
    private final AdminGuard guard;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration tickWindow;

    public AdminRoutes(AdminRepository repository, AdminGuard guard, Clock clock, Duration staleAfter, Duration tickWindow) {
        this.repository = repository;
        this.guard = guard;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.tickWindow = tickWindow;
    }

    public void register(RoutesConfig routes) {
        routes.before("/api/v1/admin/*", ctx -> guard.check(ctx.req().getRemoteAddr(), ctx.header("Host"), ctx.header("Authorization")));
        routes.get(PRICING_METRICS, this::pricingMetrics);
    }

    void pricingMetrics(Context ctx) throws Exception {
        ctx.header("Cache-Control", "no-store");
        ctx.json(repository.read(clock.instant(), staleAfter, tickWindow));
    }
}
