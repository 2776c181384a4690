package com.pricefeed.api.prices;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.api.http.QueryParams;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code GET /api/v1/market-data/prices/{symbol}} and {@code GET /api/v1/market-data/prices?symbols=…}. */
public final class PriceRoutes {

    public static final String ONE = "/api/v1/market-data/prices/{symbol}";
    public static final String MANY = "/api/v1/market-data/prices";

    private final LivePrices prices;
    private final PriceJson json;
    private final int bulkMaxSymbols;

    public PriceRoutes(LivePrices prices, PriceJson json, int bulkMaxSymbols) {
        this.prices = prices;
        this.json = json;
        this.bulkMaxSymbols = bulkMaxSymbols;
    }

    public void register(RoutesConfig routes) {
        routes.get(ONE, this::one);
        routes.get(MANY, this::many);
    }

    void one(Context ctx) throws Exception {
        String symbol = Symbols.normalize(ctx.pathParam("symbol"));
        Price price = prices.find(symbol)
                .orElseThrow(() -> ApiException.notFound(ProblemTypes.UNKNOWN_SYMBOL, "No price for symbol " + symbol + "."));
        ctx.contentType(ContentType.APPLICATION_JSON).result(json.of(price));
    }

    void many(Context ctx) throws Exception {
        List<String> symbols = Symbols.parseList(QueryParams.single(ctx, "symbols").orElse(null), bulkMaxSymbols);
        Map<String, Price> found = prices.findAll(symbols).stream()
                .collect(Collectors.toMap(Price::symbol, Function.identity()));
        ctx.json(new BulkPrices(
                symbols.stream().filter(found::containsKey).map(found::get).toList(),
                symbols.stream().filter(symbol -> !found.containsKey(symbol)).toList()));
    }
}
