package com.pricefeed.api.prices;

import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Current prices answered from the rows the stream follows, within the documented staleness bound. */
class LivePricesIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");
    private static final Duration BOUND = Duration.ofMillis(500);

    @Test
    void shouldAnswerFromMemoryOnceTheStreamFollowsTheDatabase() {
        try (RunningApi api = RunningApi.start(Map.of("PRICE_MAX_STALENESS", "10s"))) {
            api.rows().insert(aTick("AAPL", "189.23", T0));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                double memory = lookups(api, "memory");
                api.get("/api/v1/market-data/prices/AAPL");
                return lookups(api, "memory") > memory;
            });
            double before = lookups(api, "memory");

            assertThat(json(api.get("/api/v1/market-data/prices/AAPL")).path("price").asText()).isEqualTo("189.2300");
            assertThat(json(api.get("/api/v1/market-data/prices?symbols=AAPL")).path("prices").get(0).path("price").asText())
                    .isEqualTo("189.2300");

            assertThat(lookups(api, "memory")).isEqualTo(before + 2);
        }
    }

    @Test
    void shouldNeverServeAPriceOlderThanTheCommittedRowByMoreThanTheBound() {
        try (RunningApi api = startServingAapl(BOUND.toMillis() + "ms", "100")) {
            PriceRows rows = api.rows();

            rows.insert(aTick("AAPL", "101", T0.plusSeconds(1)));
            long committedBy = System.nanoTime();
            List<Observation> seen = new ArrayList<>();
            while (System.nanoTime() - committedBy < BOUND.multipliedBy(3).toNanos()) {
                long sent = System.nanoTime();
                String price = json(api.get("/api/v1/market-data/prices/AAPL")).path("price").asText();
                seen.add(new Observation(Duration.ofNanos(sent - committedBy), price));
            }

            List<Observation> beyondBound = seen.stream().filter(seenAt -> seenAt.after().compareTo(BOUND) > 0).toList();
            assertThat(beyondBound).isNotEmpty().allSatisfy(seenAt -> assertThat(seenAt.price()).isEqualTo("101.0000"));
        }
    }

    @Test
    void shouldReadTheDatabaseWhileTheStreamCannotConfirmItsRowsAreFresh() throws Exception {
        try (RunningApi api = startServingAapl("1s", "100")) {
            PriceRows rows = api.rows();
            rows.insertUnannounced(aTick("AAPL", "101", T0.plusSeconds(1)));

            CompletableFuture<HttpResponse<String>> answer;
            try (Connection blocker = api.database().connect(); Statement statement = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                // Stalls the stream's read of what the notification names (and any database lookup) until rolled back.
                statement.execute("LOCK TABLE realtime_symbols IN ACCESS EXCLUSIVE MODE");
                rows.announce("AAPL");
                await().atMost(Duration.ofSeconds(10)).until(() -> rowsAge(api) > 1.0);
                answer = api.client().sendAsync(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices/AAPL")).build(),
                        HttpResponse.BodyHandlers.ofString());
                blocker.rollback();
            }

            assertThat(json(answer.get(10, TimeUnit.SECONDS)).path("price").asText()).isEqualTo("101.0000");
        }
    }

    @Test
    void shouldLookUpASymbolNotHeldInMemoryInTheDatabase() {
        try (RunningApi api = startServingAapl("1m", "189.23")) {
            PriceRows rows = api.rows();

            rows.insertUnannounced(aTick("NEW", "1.5", T0));

            assertThat(json(api.get("/api/v1/market-data/prices/NEW")).path("price").asText()).isEqualTo("1.5000");
            var bulk = json(api.get("/api/v1/market-data/prices?symbols=AAPL,NEW,NOPE"));
            assertThat(bulk.path("prices").findValuesAsText("symbol")).containsExactly("AAPL", "NEW");
            assertThat(bulk.path("not_found").toString()).isEqualTo("[\"NOPE\"]");
        }
    }

    @Test
    void shouldReadTheDatabaseOnEveryLookupWhenTheBoundIsZero() {
        try (RunningApi api = startServingAapl("0", "100")) {
            PriceRows rows = api.rows();

            rows.insertUnannounced(aTick("AAPL", "101", T0.plusSeconds(1)));

            assertThat(json(api.get("/api/v1/market-data/prices/AAPL")).path("price").asText()).isEqualTo("101.0000");
            assertThat(lookups(api, "memory")).isZero();
        }
    }

    /** An API with this staleness bound over a database where AAPL has this price, once it answers with it. */
    private static RunningApi startServingAapl(String maxStaleness, String price) {
        RunningApi api = RunningApi.start(Map.of("PRICE_MAX_STALENESS", maxStaleness));
        api.rows().insert(aTick("AAPL", price, T0));
        awaitPrice(api, "AAPL", new BigDecimal(price).setScale(4).toPlainString());
        return api;
    }

    private static void awaitPrice(RunningApi api, String symbol, String price) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(json(api.get("/api/v1/market-data/prices/" + symbol)).path("price").asText()).isEqualTo(price));
    }

    private static double rowsAge(RunningApi api) {
        Matcher value = Pattern.compile("(?m)^stream_rows_age_seconds ([0-9.eE+]+|NaN)$").matcher(api.get("/metrics").body());
        assertThat(value.find()).as("stream_rows_age_seconds in /metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static double lookups(RunningApi api, String source) {
        Matcher value = Pattern.compile("(?m)^api_price_lookups_total\\{source=\"" + source + "\"} ([0-9.eE+]+)$")
                .matcher(api.get("/metrics").body());
        assertThat(value.find()).as("api_price_lookups_total{source=%s} in /metrics", source).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private record Observation(Duration after, String price) {
    }
}
