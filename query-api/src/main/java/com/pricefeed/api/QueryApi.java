package com.pricefeed.api;

import com.pricefeed.api.admin.AdminGuard;
import com.pricefeed.api.admin.AdminRepository;
import com.pricefeed.api.admin.AdminRoutes;
import com.pricefeed.api.dashboard.DashboardRoute;
import com.pricefeed.api.docs.OpenApiRoute;
import com.pricefeed.api.errors.JettyProblemErrorHandler;
import com.pricefeed.api.errors.ProblemHandler;
import com.pricefeed.api.follow.CommittedRows;
import com.pricefeed.api.follow.MasterFollower;
import com.pricefeed.api.health.OpsRoutes;
import com.pricefeed.api.candles.CandleRepository;
import com.pricefeed.api.candles.CandleRoutes;
import com.pricefeed.api.history.HistoryRepository;
import com.pricefeed.api.history.HistoryRoutes;
import com.pricefeed.api.http.ApiJson;
import com.pricefeed.api.http.ContentNegotiation;
import com.pricefeed.api.http.HttpMetrics;
import com.pricefeed.api.http.RateLimiter;
import com.pricefeed.api.http.RequestLimits;
import com.pricefeed.api.prices.LivePrices;
import com.pricefeed.api.prices.AsOfRepository;
import com.pricefeed.api.prices.PriceJson;
import com.pricefeed.api.prices.PriceRepository;
import com.pricefeed.api.prices.PriceRoutes;
import com.pricefeed.api.stream.StreamHub;
import com.pricefeed.api.stream.StreamRoutes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The query API: read-only HTTP over the price tables. Owns its connection pool and its HTTP server; {@link #start()}
 * opens both, {@link #close()} releases both (idempotent). The launcher runs it in-process; {@link Main} runs it alone.
 */
public final class QueryApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryApi.class);
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final int RESPONSE_COPY_BUFFER_BYTES = 2 * 1024;

    private final ApiConfig config;
    private final PrometheusMeterRegistry registry;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private HikariDataSource dataSource;
    private StreamHub streamHub;
    private MasterFollower follower;
    private Javalin server;

    public QueryApi(ApiConfig config, PrometheusMeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public QueryApi start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("QueryApi can be started once");
        }
        dataSource = DatabasePool.open(config, registry);
        CommittedRows committedRows = new CommittedRows();
        streamHub = new StreamHub(committedRows, config.streamSettings(), QueryApi::toJson, registry);
        follower = new MasterFollower(config.database(), committedRows, config.priceMaxStaleness(),
                config.listenTimeout(), config.resyncInterval(), registry);
        streamHub.start();
        follower.start();
        server = Javalin.create(this::configure);
        try {
            server.start(config.host(), config.port());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Query API listening on http://{}:{}", config.host(), port());
        return this;
    }

    /** The port the server listens on (the chosen one when configured with port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("QueryApi is not started");
        }
        return server.port();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (follower != null) {
            follower.close();
        }
        if (streamHub != null) {
            streamHub.close();
        }
        if (server != null) {
            server.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        log.info("Query API stopped");
    }

    private void configure(JavalinConfig javalin) {
        ProblemHandler problems = new ProblemHandler(ApiJson.mapper());
        HttpMetrics metrics = new HttpMetrics(registry);

        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.http.prefer405over404 = true;
        javalin.http.defaultContentType = JSON;
        // Javalin copies each response body to Jetty through a buffer of this size, allocated per response; it
        // defaults to Jetty's output buffer (32 KiB), half of all the API allocated under single-price lookups whose
        // bodies are 200-300 bytes. Jetty's own output buffer is left as it is.
        javalin.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
        javalin.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
        javalin.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyProblemErrorHandler(problems)));
        // Request line and headers together: beyond this Jetty answers 414 or 431.
        javalin.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(RequestLimits.requestHeadBytes(config.bulkMaxSymbols()));
            http.setSendServerVersion(false);
        });

        var routes = javalin.routes;
        routes.exception(Exception.class, problems::handle);
        routes.exception(HttpResponseException.class, problems::handle);
        routes.before(metrics::before);
        routes.before(new RateLimiter(config.rateLimit(), System::nanoTime, path -> path.startsWith("/api/"))::check);
        routes.before(new RateLimiter(config.rateLimit(), System::nanoTime, OpsRoutes::serves)::check);
        routes.before(RequestLimits::check);
        routes.beforeMatched(ctx -> ContentNegotiation.require(ctx, producedBy(ctx.path())));
        routes.after(metrics::after);

        new PriceRoutes(new LivePrices(follower, new PriceRepository(dataSource), registry), new AsOfRepository(dataSource),
                new PriceJson(ApiJson.mapper()), config.bulkMaxSymbols()).register(routes);
        new HistoryRoutes(new HistoryRepository(dataSource), config.historyMaxLimit()).register(routes);
        new CandleRoutes(new CandleRepository(dataSource), Clock.systemUTC()).register(routes);
        new AdminRoutes(new AdminRepository(dataSource), new AdminGuard(config.adminToken()), Clock.systemUTC(),
                config.staleAfter(), config.tickWindow()).register(routes);
        new StreamRoutes(streamHub, follower::following, config.bulkMaxSymbols()).register(routes);
        new OpenApiRoute().register(routes);
        new DashboardRoute().register(routes);
        new OpsRoutes(follower::health, registry).register(routes);
    }

    private static String toJson(Object value) {
        try {
            return ApiJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A price must always serialize", e);
        }
    }

    private static String producedBy(String path) {
        if (path.equals(OpsRoutes.METRICS)) {
            return "text/plain";
        }
        if (path.equals(DashboardRoute.PATH)) {
            return "text/html";
        }
        return path.startsWith("/api/v1/market-data/stream") ? EVENT_STREAM : JSON;
    }
}
