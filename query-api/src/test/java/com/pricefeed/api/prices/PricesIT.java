package com.pricefeed.api.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.ProblemAssert.assertRawProblem;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PricesIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00.123Z");

    private RunningApi api;
    private long aaplHistoryId;

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("BULK_MAX_SYMBOLS", "5"));
        PriceRows rows = api.rows();
        rows.insert(aTick("AAPL", "188.1", T0.minusSeconds(60)));
        aaplHistoryId = rows.insert(aTick("AAPL", "189.23", T0).volume(51_234_567L).company("Apple Inc.")
                .marketCap("2950000000000.00").previousClose("187.44"));
        rows.insert(aTick("MSFT", "410.5", T0.minusSeconds(5)).provider("finnhub").volume(null));
        rows.insert(aTick("BRK.B", "0.0001", T0));
        rows.insert(aTick("GONE", "12.5", T0.minusSeconds(30)));
        rows.delist("GONE", T0);
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldAnswerCurrentPriceWithSeedFieldNamesAndExactDecimals() {
        HttpResponse<String> response = api.get("/api/v1/market-data/prices/AAPL");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode price = json(response);
        assertThat(price.path("symbol").asText()).isEqualTo("AAPL");
        assertThat(price.path("price").isTextual()).isTrue();
        assertThat(price.path("price").asText()).isEqualTo("189.2300");
        assertThat(price.path("last_updated").asText()).isEqualTo("2026-11-24T14:30:00.123Z");
        assertThat(price.path("company_name").asText()).isEqualTo("Apple Inc.");
        assertThat(price.path("volume").asLong()).isEqualTo(51_234_567L);
        assertThat(price.path("provider").asText()).isEqualTo("polygon");
        assertThat(price.path("market_cap").asText()).isEqualTo("2950000000000.00");
        assertThat(price.path("latest_history_id").asLong()).isEqualTo(aaplHistoryId);
    }

    @Test
    void shouldSayAListedSymbolIsListed() {
        JsonNode price = json(api.get("/api/v1/market-data/prices/AAPL"));

        assertThat(price.path("status").asText()).isEqualTo("listed");
        assertThat(price.has("delisted_at")).isTrue();
        assertThat(price.path("delisted_at").isNull()).isTrue();
    }

    @Test
    void shouldAnswerADelistedSymbolsLastPriceWithItsStatus() {
        HttpResponse<String> response = api.get("/api/v1/market-data/prices/GONE");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode price = json(response);
        assertThat(price.path("price").asText()).isEqualTo("12.5000");
        assertThat(price.path("last_updated").asText()).isEqualTo("2026-11-24T14:29:30.123Z");
        assertThat(price.path("status").asText()).isEqualTo("delisted");
        assertThat(price.path("delisted_at").asText()).isEqualTo("2026-11-24T14:30:00.123Z");
    }

    @Test
    void shouldListDelistedSymbolsAmongTheFoundOnesInABulkRequest() {
        JsonNode body = json(api.get("/api/v1/market-data/prices?symbols=GONE,AAPL"));

        assertThat(body.path("prices")).hasSize(2);
        assertThat(body.path("prices").get(0).path("status").asText()).isEqualTo("delisted");
        assertThat(body.path("prices").get(0).path("delisted_at").asText()).isEqualTo("2026-11-24T14:30:00.123Z");
        assertThat(body.path("prices").get(1).path("status").asText()).isEqualTo("listed");
        assertThat(body.path("not_found")).isEmpty();
    }

    @Test
    void shouldCarryThePreviousCloseOfTheTickTheMasterRowPointsAt() {
        JsonNode aapl = json(api.get("/api/v1/market-data/prices/AAPL"));
        JsonNode msft = json(api.get("/api/v1/market-data/prices/MSFT"));

        assertThat(aapl.path("previous_close").asText()).isEqualTo("187.4400");
        assertThat(msft.has("previous_close")).isTrue();
        assertThat(msft.path("previous_close").isNull()).isTrue();
    }

    @Test
    void shouldWriteAbsentMetadataAsNullSoTheShapeNeverChanges() {
        JsonNode price = json(api.get("/api/v1/market-data/prices/MSFT"));

        assertThat(price.has("company_name")).isTrue();
        assertThat(price.path("company_name").isNull()).isTrue();
        assertThat(price.path("volume").isNull()).isTrue();
        assertThat(price.path("provider").asText()).isEqualTo("finnhub");
        assertThat(price.path("price").asText()).isEqualTo("410.5000");
    }

    @Test
    void shouldNormalizeSymbolByTrimmingAndUpperCasing() {
        HttpResponse<String> response = api.get("/api/v1/market-data/prices/%20brk.b%20");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("symbol").asText()).isEqualTo("BRK.B");
        assertThat(json(response).path("price").asText()).isEqualTo("0.0001");
    }

    @Test
    void shouldAnswer404ForUnknownSymbol() {
        JsonNode problem = assertProblem(api.get("/api/v1/market-data/prices/NOPE"), 404);

        assertThat(problem.path("type").asText()).isEqualTo("/problems/unknown-symbol");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/market-data/prices/NOPE");
    }

    @Test
    void shouldAnswer400ForMalformedSymbol() {
        assertProblem(api.get("/api/v1/market-data/prices/TOOLONGSYMBOL1"), 400);
        assertProblem(api.get("/api/v1/market-data/prices/-AAPL"), 400);
        JsonNode problem = assertProblem(api.get("/api/v1/market-data/prices/A%24PL"), 400);
        assertThat(problem.path("type").asText()).isEqualTo("/problems/invalid-symbol");
    }

    @Test
    void shouldListFoundPricesInRequestedOrderAndTheSymbolsNotFound() {
        HttpResponse<String> response = api.get("/api/v1/market-data/prices?symbols=msft,%20AAPL,NOPE,AAPL,ZZZ");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("prices")).hasSize(2);
        assertThat(body.path("prices").get(0).path("symbol").asText()).isEqualTo("MSFT");
        assertThat(body.path("prices").get(1).path("symbol").asText()).isEqualTo("AAPL");
        assertThat(body.path("prices").get(1).path("price").asText()).isEqualTo("189.2300");
        assertThat(body.path("not_found").toString()).isEqualTo("[\"NOPE\",\"ZZZ\"]");
    }

    @Test
    void shouldRefuseBulkRequestsBeyondTheConfiguredMaximum() {
        JsonNode problem = assertProblem(api.get("/api/v1/market-data/prices?symbols=A,B,C,D,E,F"), 400);

        assertThat(problem.path("type").asText()).isEqualTo("/problems/too-many-symbols");
        assertThat(problem.path("detail").asText()).contains("5");
    }

    @Test
    void shouldRefuseBulkRequestsWithoutSymbolsOrWithAMalformedOne() {
        assertProblem(api.get("/api/v1/market-data/prices"), 400);
        assertProblem(api.get("/api/v1/market-data/prices?symbols="), 400);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=,,,"), 400);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=AAPL&symbols=MSFT"), 400);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=AAPL,bad%20symbol"), 400);
    }

    @Test
    void shouldRefuseHostileInputsAndLeaveTablesUntouched() {
        PriceRows rows = api.rows();
        long symbols = rows.count("realtime_symbols");
        long history = rows.count("realtime_price_history");

        assertProblem(api.get("/api/v1/market-data/prices/" + encode("AAPL'; DROP TABLE realtime_symbols; --")), 400);
        assertProblem(api.get("/api/v1/market-data/prices/" + encode("' OR '1'='1")), 400);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=" + encode("AAPL,MSFT') OR 1=1 --")), 400);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=" + encode("AAPL;DELETE FROM realtime_symbols")), 400);
        String tenThousand = IntStream.range(0, 10_000).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        int status = api.get("/api/v1/market-data/prices?symbols=" + tenThousand).statusCode();
        assertThat(status).isIn(400, 414);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=" + tenThousand), status);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=" + "A".repeat(1_000_000)), 414);
        assertProblem(api.get("/api/v1/market-data/prices?symbols=%FF%FE"), 400);
        assertRawProblem(api.raw("/api/v1/market-data/prices?symbols=%zz"), 400);
        assertRawProblem(api.raw("/api/v1/market-data/prices/%zz"), 400);
        assertRawProblem(api.raw("/api/v1/market-data/prices/\u00ff\u00fe"), 400);
        assertThat(api.get("/api/v1/market-data/prices/..%2F..%2F..%2Fetc%2Fpasswd").statusCode()).isBetween(400, 404);
        assertProblem(api.get("/api/v1/market-data/prices/..%2F..%2F..%2Fetc%2Fpasswd"),
                api.get("/api/v1/market-data/prices/..%2F..%2F..%2Fetc%2Fpasswd").statusCode());
        assertProblem(api.get("/api/v1/market-data/prices/../../../../etc/passwd"), 404);

        assertThat(rows.count("realtime_symbols")).isEqualTo(symbols);
        assertThat(rows.count("realtime_price_history")).isEqualTo(history);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
