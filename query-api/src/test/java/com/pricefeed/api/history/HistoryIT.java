package com.pricefeed.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final String PATH = "/api/v1/market-data/prices/AAPL/history";

    private RunningApi api;
    private final List<Long> aaplIdsNewestFirst = new ArrayList<>();

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("HISTORY_MAX_LIMIT", "50"));
        PriceRows rows = api.rows();
        List<Long> ids = new ArrayList<>();
        ids.add(rows.insert(aTick("AAPL", "100.00", T0)));
        ids.add(rows.insert(aTick("AAPL", "101.00", T0.plusSeconds(1))));
        ids.add(rows.insert(aTick("AAPL", "101.50", T0.plusSeconds(1)).provider("finnhub")));
        ids.add(rows.insert(aTick("AAPL", "102.00", T0.plusSeconds(2))));
        ids.add(rows.insertHistoryOnly(aTick("AAPL", "99.00", T0.minusSeconds(10))));
        ids.add(rows.insert(aTick("AAPL", "103.00", T0.plusSeconds(3))));
        rows.insert(aTick("MSFT", "400.00", T0.plusSeconds(2)));
        // newest first: T0+3, T0+2, T0+1 (higher id first), T0+1, T0, T0-10
        aaplIdsNewestFirst.addAll(List.of(ids.get(5), ids.get(3), ids.get(2), ids.get(1), ids.get(0), ids.get(4)));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldListTheSymbolsHistoryNewestFirstWithTiesBrokenByIdDescending() {
        JsonNode page = json(api.get(PATH + "?to=2026-11-24T14:00:10Z"));

        assertThat(page.path("symbol").asText()).isEqualTo("AAPL");
        assertThat(ids(page)).containsExactlyElementsOf(aaplIdsNewestFirst);
        assertThat(page.path("next_cursor").isNull()).isTrue();
        JsonNode newest = page.path("history").get(0);
        assertThat(newest.path("price").asText()).isEqualTo("103.0000");
        assertThat(newest.path("source_timestamp").asText()).isEqualTo("2026-11-24T14:00:03Z");
        assertThat(newest.path("provider").asText()).isEqualTo("polygon");
        assertThat(newest.has("fetched_at")).isTrue();
        assertThat(newest.has("open_price")).isTrue();
    }

    @Test
    void shouldPageWithCursorWithoutSkippingOrRepeatingWhileNewTicksArrive() {
        List<Long> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = json(api.get(PATH + "?limit=2&to=2026-11-24T15:00:00Z" + (next == null ? "" : "&cursor=" + next)));
            seen.addAll(ids(page));
            next = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            if (pages++ == 0) {
                api.rows().insert(aTick("AAPL", "104.00", T0.plusSeconds(30)));
            }
        } while (next != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(aaplIdsNewestFirst);
    }

    @Test
    void shouldFilterByFromInclusiveAndToExclusive() {
        JsonNode page = json(api.get(PATH + "?from=2026-11-24T14:00:01Z&to=2026-11-24T14:00:03Z"));

        assertThat(ids(page)).containsExactlyElementsOf(aaplIdsNewestFirst.subList(1, 4));
        JsonNode offset = json(api.get(PATH + "?from=2026-11-24T15:00:01%2B01:00&to=2026-11-24T14:00:03Z"));
        assertThat(ids(offset)).containsExactlyElementsOf(aaplIdsNewestFirst.subList(1, 4));
    }

    @Test
    void shouldAnswerEmptyPageWhenNothingMatchesTheWindowOfAKnownSymbol() {
        JsonNode page = json(api.get(PATH + "?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z"));

        assertThat(page.path("history")).isEmpty();
        assertThat(page.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void shouldRefuseInvalidParameters() {
        assertProblem(api.get(PATH + "?limit=51"), 400);
        assertProblem(api.get(PATH + "?limit=0"), 400);
        assertProblem(api.get(PATH + "?limit=ten"), 400);
        assertProblem(api.get(PATH + "?from=yesterday"), 400);
        assertProblem(api.get(PATH + "?from=2026-11-24T14:00:00"), 400);
        assertProblem(api.get(PATH + "?from=2026-11-24T15:00:00Z&to=2026-11-24T14:00:00Z"), 400);
        assertProblem(api.get(PATH + "?cursor=bm90LWEtY3Vyc29y"), 400);
        assertProblem(api.get(PATH + "?cursor=" + "A".repeat(500)), 400);
        assertProblem(api.get(PATH + "?cursor=%27%3B%20DROP%20TABLE%20realtime_price_history%3B--"), 400);
    }

    @Test
    void shouldAnswer404ForUnknownAnd400ForMalformedSymbol() {
        assertProblem(api.get("/api/v1/market-data/prices/NOPE/history"), 404);
        assertProblem(api.get("/api/v1/market-data/prices/N%27OPE/history"), 400);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("history").forEach(entry -> ids.add(entry.path("id").asLong()));
        return ids;
    }
}
