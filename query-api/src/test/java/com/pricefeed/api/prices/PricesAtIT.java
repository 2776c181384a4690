package com.pricefeed.api.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The price in effect at an instant, on rows in the daily partitions the sink creates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PricesAtIT {

    private static final String ONE = "/api/v1/market-data/prices/";
    private static final String ENSURE_DAYS = """
            SELECT price_history_ensure_partitions('2026-11-20T00:00:00Z', '2026-11-26T00:00:00Z', INTERVAL '1 day')""";

    private RunningApi api;
    private long aaplMonday;
    private long aaplTuesday;
    private long aaplTie;

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("BULK_MAX_SYMBOLS", "5"));
        PriceRows rows = api.rows();
        rows.execute(ENSURE_DAYS);
        aaplMonday = rows.insert(aTick("AAPL", "100", Instant.parse("2026-11-23T10:00:00Z")));
        aaplTuesday = rows.insert(aTick("AAPL", "101.5", Instant.parse("2026-11-24T10:00:00Z")).volume(7L).previousClose("100"));
        rows.insert(aTick("AAPL", "103", Instant.parse("2026-11-25T10:00:00Z")).provider("iex"));
        aaplTie = rows.insert(aTick("AAPL", "102", Instant.parse("2026-11-25T10:00:00Z")).provider("polygon"));
        rows.insert(aTick("MSFT", "400", Instant.parse("2026-11-24T15:00:00Z")));
        rows.insert(aTick("GONE", "7", Instant.parse("2026-11-23T12:00:00Z")));
        rows.delist("GONE", Instant.parse("2026-11-24T12:00:00Z"));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldAnswerTheNewestTickAtOrBeforeTheInstantWithItsHistoryRow() {
        HttpResponse<String> response = api.get(ONE + "AAPL?at=2026-11-24T12:00:00Z");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode price = json(response);
        assertThat(price.path("symbol").asText()).isEqualTo("AAPL");
        assertThat(price.path("price").asText()).isEqualTo("101.5000");
        assertThat(price.path("last_updated").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(price.path("history_id").asLong()).isEqualTo(aaplTuesday);
        assertThat(price.path("volume").asLong()).isEqualTo(7);
        assertThat(price.path("previous_close").asText()).isEqualTo("100.0000");
        assertThat(price.path("provider").asText()).isEqualTo("polygon");
    }

    @Test
    void shouldSayDelistedFromTheDelistingOnAndListedBeforeIt() {
        JsonNode before = json(api.get(ONE + "GONE?at=2026-11-24T11:59:59Z"));
        JsonNode from = json(api.get(ONE + "GONE?at=2026-11-24T12:00:00Z"));

        assertThat(before.path("price").asText()).isEqualTo("7.0000");
        assertThat(before.path("status").asText()).isEqualTo("listed");
        assertThat(before.path("delisted_at").isNull()).isTrue();
        assertThat(from.path("price").asText()).isEqualTo("7.0000");
        assertThat(from.path("status").asText()).isEqualTo("delisted");
        assertThat(from.path("delisted_at").asText()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(json(api.get(ONE + "AAPL?at=2026-11-24T12:00:00Z")).path("status").asText()).isEqualTo("listed");
    }

    @Test
    void shouldReadOnlyThePartitionOfTheAnswerNewestFirst() throws Exception {
        List<String> scans = new ArrayList<>();
        try (Connection connection = api.database().connect();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + AsOfRepository.AS_OF)) {
            explain.setArray(1, connection.createArrayOf("varchar", new String[]{"AAPL"}));
            explain.setTimestamp(2, Timestamp.from(Instant.parse("2026-11-24T12:00:00Z")));
            explain.setTimestamp(3, Timestamp.from(Instant.parse("2026-11-24T12:00:00Z")));
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    String line = plan.getString(1);
                    if (line.contains(" on realtime_price_history_") && !line.contains("(never executed)")) {
                        scans.add(line.trim());
                    }
                }
            }
        }

        // With no default partition the newest tick at or before the instant is found by reading the partitions newest
        // first and stopping at the first hit (an ordered Append under a Limit), then its row is read from that
        // partition alone: the older days (23, 22, 21, 20) and the newer one (25) are never read.
        assertThat(scans).hasSize(2).allMatch(scan -> scan.contains("realtime_price_history_p20261124t000000"));
    }

    @Test
    void shouldCountATickAtExactlyTheInstantAsInEffect() {
        assertThat(json(api.get(ONE + "AAPL?at=2026-11-23T10:00:00Z")).path("history_id").asLong()).isEqualTo(aaplMonday);
        assertThat(json(api.get(ONE + "AAPL?at=2026-11-23T09:59:59.999999Z")).path("history_id").isMissingNode()).isTrue();
    }

    @Test
    void shouldBreakTiesAtOneTimestampAsTheMasterRowDoes() {
        JsonNode price = json(api.get(ONE + "AAPL?at=2026-11-26T00:00:00%2B01:00"));

        assertThat(price.path("history_id").asLong()).isEqualTo(aaplTie);
        assertThat(price.path("provider").asText()).isEqualTo("polygon");
    }

    @Test
    void shouldSayWhenTheSymbolHadNoPriceYetAtThatInstant() {
        JsonNode problem = assertProblem(api.get(ONE + "AAPL?at=2026-11-01T00:00:00Z"), 404);

        assertThat(problem.path("type").asText()).isEqualTo("/problems/no-price-at-instant");
        assertThat(assertProblem(api.get(ONE + "NOPE?at=2026-11-24T12:00:00Z"), 404).path("type").asText())
                .isEqualTo("/problems/unknown-symbol");
    }

    @Test
    void shouldRefuseAMalformedInstant() {
        for (String at : new String[]{"yesterday", "2026-11-24T12:00:00", "2026-13-01T00:00:00Z", "1732456800000"}) {
            JsonNode problem = assertProblem(api.get(ONE + "AAPL?at=" + at), 400);
            assertThat(problem.path("type").asText()).as(at).isEqualTo("/problems/invalid-parameter");
            assertThat(problem.path("detail").asText()).contains("'at'");
        }
        assertProblem(api.get("/api/v1/market-data/prices?symbols=AAPL&at=soon"), 400);
    }

    @Test
    void shouldValueAPortfolioAtOneInstant() {
        JsonNode bulk = json(api.get("/api/v1/market-data/prices?symbols=MSFT,AAPL,NOPE&at=2026-11-24T16:00:00Z"));

        assertThat(bulk.path("at").asText()).isEqualTo("2026-11-24T16:00:00Z");
        assertThat(bulk.path("prices")).hasSize(2);
        assertThat(bulk.path("prices").get(0).path("symbol").asText()).isEqualTo("MSFT");
        assertThat(bulk.path("prices").get(0).path("price").asText()).isEqualTo("400.0000");
        assertThat(bulk.path("prices").get(1).path("history_id").asLong()).isEqualTo(aaplTuesday);
        assertThat(bulk.path("not_found").get(0).asText()).isEqualTo("NOPE");

        JsonNode earlier = json(api.get("/api/v1/market-data/prices?symbols=MSFT,AAPL&at=2026-11-24T14:00:00Z"));
        assertThat(earlier.path("prices")).hasSize(1);
        assertThat(earlier.path("not_found").get(0).asText()).isEqualTo("MSFT");
    }

    @Test
    void shouldAnswerGoneBeforeTheRetainedHistoryAndKeepAnsweringAfterIt() {
        try (RunningApi retained = RunningApi.start(Map.of())) {
            PriceRows rows = retained.rows();
            rows.execute(ENSURE_DAYS);
            rows.insert(aTick("OLD", "5", Instant.parse("2026-11-21T10:00:00Z")));
            rows.insert(aTick("IBM", "200", Instant.parse("2026-11-21T11:00:00Z")));
            long ibm = rows.insert(aTick("IBM", "201", Instant.parse("2026-11-23T11:00:00Z")));
            rows.execute("SELECT price_history_drop_partitions_before('2026-11-23T00:00:00Z')");
            rows.execute("SELECT price_history_drop_detached()");

            JsonNode gone = assertProblem(retained.get(ONE + "IBM?at=2026-11-22T00:00:00Z"), 410);
            assertThat(gone.path("type").asText()).isEqualTo("/problems/before-retained-history");
            assertThat(gone.path("detail").asText()).contains("2026-11-23T00:00:00Z");
            assertProblem(retained.get("/api/v1/market-data/prices?symbols=IBM&at=2026-11-22T00:00:00Z"), 410);
            assertThat(json(retained.get(ONE + "IBM?at=2026-11-23T12:00:00Z")).path("history_id").asLong()).isEqualTo(ibm);
            assertThat(json(retained.get(ONE + "OLD?at=2026-11-24T00:00:00Z")).path("price").asText()).isEqualTo("5.0000");
            assertThat(json(retained.get(ONE + "OLD")).path("price").asText()).isEqualTo("5.0000");
        }
    }
}
