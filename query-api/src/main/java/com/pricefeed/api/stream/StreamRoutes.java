package com.pricefeed.api.stream;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.api.errors.ProblemTypes;
import com.pricefeed.api.http.QueryParams;
import com.pricefeed.api.prices.Symbols;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/market-data/stream?symbols=…}: server-sent events. A new client gets a snapshot of the requested
 * symbols (those with a price, in the order they came in); a client reconnecting with {@code Last-Event-ID} gets the
 * current rows of its symbols that changed after that event (see {@link StreamHub}); then every committed change.
 * Each event is {@code event: price}, {@code id:} the history id of the price, and the same JSON as
 * {@code GET /prices/{symbol}}. Heartbeat comments keep idle connections open through proxies.
 */
public final class StreamRoutes {

    public static final String PATH = "/api/v1/market-data/stream";
    private static final int MAX_EVENT_ID_LENGTH = 19;

    private final StreamHub hub;
    private final BooleanSupplier following;
    private final int maxSymbols;

    /** @param following whether the committed rows are being followed; streams are refused while they are not */
    public StreamRoutes(StreamHub hub, BooleanSupplier following, int maxSymbols) {
        this.hub = hub;
        this.following = following;
        this.maxSymbols = maxSymbols;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::stream);
    }

    void stream(Context ctx) throws Exception {
        List<String> symbols = Symbols.parseList(QueryParams.single(ctx, "symbols").orElse(null), maxSymbols);
        OptionalLong lastEventId = lastEventId(ctx.header("Last-Event-ID"));
        if (!following.getAsBoolean()) {
            throw ApiException.serviceUnavailable("The price stream is not connected to the database; retry shortly.");
        }
        StreamHub.Subscription subscription = hub.subscribe(symbols, lastEventId, ctx.req().getRemoteAddr());
        Subscriber subscriber = subscription.subscriber();
        try {
            ServletEventSink sink = ServletEventSink.open(ctx.req(), ctx.res(), subscriber::resume, subscriber::gone);
            ctx.future(sink::closed);
            subscriber.start(sink, subscription.initial());
        } catch (IOException | RuntimeException e) {
            hub.unsubscribe(subscriber);
            throw e;
        }
    }

    private static OptionalLong lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String value = header.trim();
        if (value.length() <= MAX_EVENT_ID_LENGTH && value.chars().allMatch(Character::isDigit)) {
            try {
                return OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException ignored) {
                // answered below
            }
        }
        throw ApiException.badRequest(ProblemTypes.INVALID_PARAMETER, "Last-Event-ID must be the id of an event this stream sent.");
    }
}
