package com.pricefeed.api.candles;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.api.http.QueryParams;
import com.pricefeed.api.prices.Symbols;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/market-data/prices/{symbol}/candles?interval=1m|5m|1h|1d&from=&to=&limit=}. */
public final class CandleRoutes {

    public static final String PATH = "/api/v1/market-data/prices/{symbol}/candles";
    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 10_000;
    /** The range PostgreSQL's timestamptz and the interval arithmetic handle without surprises. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final CandleRepository repository;
    private final Clock clock;

    public CandleRoutes(CandleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::candles);
    }

    void candles(Context ctx) throws Exception {
        CandleQuery query = parse(ctx);
        List<Candle> candles = repository.page(query);
        if (candles.isEmpty() && !repository.hasAny(query.symbol())) {
            throw ApiException.notFound(ProblemTypes.UNKNOWN_SYMBOL, "No candles for symbol " + query.symbol() + ".");
        }
        String next = query.hasNext() ? ctx.path() + "?interval=" + query.interval().code() + "&from=" + query.end()
                + "&to=" + query.to() + "&limit=" + query.limit() : null;
        ctx.json(new CandlePage(query.symbol(), query.interval().code(), query.from(), query.end(), candles, next));
    }

    private CandleQuery parse(Context ctx) {
        String symbol = Symbols.normalize(ctx.pathParam("symbol"));
        Interval interval = QueryParams.single(ctx, "interval").map(Interval::parse).orElse(Interval.ONE_MINUTE);
        int limit = QueryParams.integer(ctx, "limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Instant to = QueryParams.instant(ctx, "to").map(value -> bounded("to", value))
                .orElseGet(() -> interval.plus(interval.floor(clock.instant()), 1));
        Optional<Instant> from = QueryParams.instant(ctx, "from").map(value -> interval.floor(bounded("from", value)));
        Instant start = from.orElseGet(() -> interval.plus(interval.floor(to.minusNanos(1)), 1 - limit));
        if (!start.isBefore(to)) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "'from' must be earlier than 'to'.");
        }
        return new CandleQuery(symbol, interval, start, to, limit);
    }

    private static Instant bounded(String name, Instant value) {
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER,
                    "Query parameter '" + name + "' must be between " + EARLIEST + " and " + LATEST + ".");
        }
        return value;
    }
}
