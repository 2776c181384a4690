package com.pricefeed.api.prices;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.api.http.QueryParams;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/market-data/prices/{symbol}} and {@code GET /api/v1/market-data/prices?symbols=…}: the current
 * prices, or with {@code at=<instant>} the prices in effect at that instant.
 */
public final class PriceRoutes {

    public static final String ONE = "/api/v1/market-data/prices/{symbol}";
    public static final String MANY = "/api/v1/market-data/prices";

    private final LivePrices prices;
    private final AsOfRepository asOf;
    private final PriceJson json;
    private final int bulkMaxSymbols;

    public PriceRoutes(LivePrices prices, AsOfRepository asOf, PriceJson json, int bulkMaxSymbols) {
        this.prices = prices;
        this.asOf = asOf;
        this.json = json;
        this.bulkMaxSymbols = bulkMaxSymbols;
    }

    public void register(RoutesConfig routes) {
        routes.get(ONE, this::one);
        routes.get(MANY, this::many);
    }

    void one(Context ctx) throws Exception {
        String symbol = Symbols.normalize(ctx.pathParam("symbol"));
        Optional<Instant> at = QueryParams.instant(ctx, "at");
        if (at.isPresent()) {
            ctx.json(oneAt(symbol, at.get()));
            return;
        }
        Price price = prices.find(symbol)
                .orElseThrow(() -> ApiException.notFound(ProblemTypes.UNKNOWN_SYMBOL, "No price for symbol " + symbol + "."));
        ctx.contentType(ContentType.APPLICATION_JSON).result(json.of(price));
    }

    void many(Context ctx) throws Exception {
        List<String> symbols = Symbols.parseList(QueryParams.single(ctx, "symbols").orElse(null), bulkMaxSymbols);
        Optional<Instant> at = QueryParams.instant(ctx, "at");
        if (at.isPresent()) {
            ctx.json(manyAt(symbols, at.get()));
            return;
        }
        Map<String, Price> found = prices.findAll(symbols).stream()
                .collect(Collectors.toMap(Price::symbol, Function.identity()));
        ctx.json(new BulkPrices(
                symbols.stream().filter(found::containsKey).map(found::get).toList(),
                symbols.stream().filter(symbol -> !found.containsKey(symbol)).toList()));
    }

    private PriceAt oneAt(String symbol, Instant at) throws SQLException {
        List<PriceAt> found = asOf.findAll(List.of(symbol), at);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        requireRetained(at);
        if (!asOf.known(symbol)) {
            throw ApiException.notFound(ProblemTypes.UNKNOWN_SYMBOL, "No price for symbol " + symbol + ".");
        }
        throw ApiException.notFound(ProblemTypes.NO_PRICE_AT_INSTANT, "No price for symbol " + symbol + " at or before " + at + ".");
    }

    private BulkPricesAt manyAt(List<String> symbols, Instant at) throws SQLException {
        Map<String, PriceAt> found = asOf.findAll(symbols, at).stream()
                .collect(Collectors.toMap(PriceAt::symbol, Function.identity()));
        if (found.isEmpty()) {
            requireRetained(at);
        }
        return new BulkPricesAt(at,
                symbols.stream().filter(found::containsKey).map(found::get).toList(),
                symbols.stream().filter(symbol -> !found.containsKey(symbol)).toList());
    }

    /** Called only when nothing was found: the one query answers nothing before the retained history either. */
    private void requireRetained(Instant at) throws SQLException {
        Optional<Instant> from = asOf.retainedFrom();
        if (from.isPresent() && at.isBefore(from.get())) {
            throw ApiException.gone(ProblemTypes.BEFORE_RETAINED_HISTORY,
                    "History before " + from.get() + " is no longer retained; ask for an instant at or after it.");
        }
    }
}
