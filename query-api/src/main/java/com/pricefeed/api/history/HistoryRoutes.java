package com.pricefeed.api.history;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.api.http.QueryParams;
import com.pricefeed.api.prices.Symbols;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/market-data/prices/{symbol}/history?from=&to=&limit=&cursor=}. */
public final class HistoryRoutes {

    public static final String PATH = "/api/v1/market-data/prices/{symbol}/history";
    private static final int DEFAULT_LIMIT = 100;

    private final HistoryRepository repository;
    private final int maxLimit;

    public HistoryRoutes(HistoryRepository repository, int maxLimit) {
        this.repository = repository;
        this.maxLimit = maxLimit;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::history);
    }

    void history(Context ctx) throws Exception {
        HistoryQuery query = parse(ctx);
        List<HistoryEntry> rows = repository.page(query, query.limit() + 1);
        if (rows.isEmpty() && query.after().isEmpty() && !repository.hasAny(query.symbol())) {
            throw ApiException.notFound(ProblemTypes.UNKNOWN_SYMBOL, "No history for symbol " + query.symbol() + ".");
        }
        boolean more = rows.size() > query.limit();
        List<HistoryEntry> page = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? new Cursor(page.get(page.size() - 1).sourceTimestamp(), page.get(page.size() - 1).id()).encode() : null;
        ctx.json(new HistoryPage(query.symbol(), page, next));
    }

    private HistoryQuery parse(Context ctx) {
        String symbol = Symbols.normalize(ctx.pathParam("symbol"));
        Optional<Instant> from = QueryParams.instant(ctx, "from");
        Optional<Instant> to = QueryParams.instant(ctx, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "'from' must be earlier than 'to'.");
        }
        int limit = QueryParams.integer(ctx, "limit", 1, maxLimit).orElse(Math.min(DEFAULT_LIMIT, maxLimit));
        Optional<Cursor> cursor = QueryParams.single(ctx, "cursor").map(Cursor::decode);
        return new HistoryQuery(symbol, from, to, cursor, limit);
    }
}
