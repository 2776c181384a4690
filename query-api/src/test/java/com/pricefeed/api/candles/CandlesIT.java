package com.pricefeed.api.candles;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CandlesIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final String PATH = "/api/v1/market-data/prices/AAPL/candles";
    private static final String DAY = "&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z";

    private RunningApi api;

    @BeforeAll
    void startApi() throws SQLException {
        api = RunningApi.start(Map.of());
        // Five one-minute bars as the sink leaves them: minute, open, high, low, close, volume, ticks, first/last second.
        bar(0, "100.0000", "101.0000", "99.5000", "100.5000", 300, 3, 5, 50);
        bar(1, "100.5000", "103.0000", "100.2500", "102.0000", 100, 2, 0, 59);
        bar(2, "102.0000", "102.0000", "98.0000", "98.5000", 0, 4, 1, 30);
        bar(4, "98.5000", "99.0000", "97.0000", "97.5000", 50, 1, 10, 10);
        bar(5, "97.5000", "97.5000", "97.5000", "97.5000", 7, 1, 20, 20);
        bar(90, "110.0000", "111.0000", "109.0000", "110.5000", 9, 2, 3, 4);
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldServeOneMinuteBarsOldestFirstWithExactPrices() {
        JsonNode page = json(api.get(PATH + "?interval=1m&from=2026-11-24T14:00:00Z&to=2026-11-24T14:10:00Z"));

        assertThat(page.path("symbol").asText()).isEqualTo("AAPL");
        assertThat(page.path("interval").asText()).isEqualTo("1m");
        assertThat(starts(page)).containsExactly("2026-11-24T14:00:00Z", "2026-11-24T14:01:00Z", "2026-11-24T14:02:00Z",
                "2026-11-24T14:04:00Z", "2026-11-24T14:05:00Z");
        JsonNode first = page.path("candles").get(0);
        assertThat(first.path("open").asText()).isEqualTo("100.0000");
        assertThat(first.path("high").asText()).isEqualTo("101.0000");
        assertThat(first.path("low").asText()).isEqualTo("99.5000");
        assertThat(first.path("close").asText()).isEqualTo("100.5000");
        assertThat(first.path("volume").isIntegralNumber()).isTrue();
        assertThat(first.path("volume").asLong()).isEqualTo(300);
        assertThat(first.path("tick_count").asLong()).isEqualTo(3);
        assertThat(first.path("first_tick_time").asText()).isEqualTo("2026-11-24T14:00:05Z");
        assertThat(first.path("last_tick_time").asText()).isEqualTo("2026-11-24T14:00:50Z");
        assertThat(page.path("next").isNull()).isTrue();
    }

    @Test
    void shouldRollMinuteBarsUpIntoFiveMinuteBars() {
        JsonNode page = json(api.get(PATH + "?interval=5m" + DAY));

        assertThat(starts(page)).containsExactly("2026-11-24T14:00:00Z", "2026-11-24T14:05:00Z", "2026-11-24T15:30:00Z");
        JsonNode first = page.path("candles").get(0);
        assertThat(List.of(first.path("open").asText(), first.path("high").asText(), first.path("low").asText(),
                first.path("close").asText())).containsExactly("100.0000", "103.0000", "97.0000", "97.5000");
        assertThat(first.path("volume").asLong()).isEqualTo(450);
        assertThat(first.path("tick_count").asLong()).isEqualTo(10);
        assertThat(first.path("first_tick_time").asText()).isEqualTo("2026-11-24T14:00:05Z");
        assertThat(first.path("last_tick_time").asText()).isEqualTo("2026-11-24T14:04:10Z");
    }

    @Test
    void shouldRollMinuteBarsUpIntoHourAndDayBars() {
        JsonNode hours = json(api.get(PATH + "?interval=1h" + DAY));
        JsonNode days = json(api.get(PATH + "?interval=1d&from=2026-11-20T00:00:00Z&to=2026-11-30T00:00:00Z"));

        assertThat(starts(hours)).containsExactly("2026-11-24T14:00:00Z", "2026-11-24T15:00:00Z");
        assertThat(hours.path("candles").get(0).path("close").asText()).isEqualTo("97.5000");
        assertThat(hours.path("candles").get(1).path("open").asText()).isEqualTo("110.0000");
        assertThat(starts(days)).containsExactly("2026-11-24T00:00:00Z");
        JsonNode day = days.path("candles").get(0);
        assertThat(List.of(day.path("open").asText(), day.path("high").asText(), day.path("low").asText(),
                day.path("close").asText())).containsExactly("100.0000", "111.0000", "97.0000", "110.5000");
        assertThat(day.path("tick_count").asLong()).isEqualTo(13);
    }

    @Test
    void shouldPageByRangeWithANextLinkUntilTheEnd() {
        List<String> seen = new ArrayList<>();
        String next = PATH + "?interval=1m&from=2026-11-24T14:00:00Z&to=2026-11-24T14:06:00Z&limit=2";
        int pages = 0;
        while (next != null && pages++ < 10) {
            JsonNode page = json(api.get(next));
            assertThat(page.path("candles").size()).isLessThanOrEqualTo(2);
            seen.addAll(starts(page));
            next = page.path("next").isNull() ? null : page.path("next").asText();
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("2026-11-24T14:00:00Z", "2026-11-24T14:01:00Z", "2026-11-24T14:02:00Z",
                "2026-11-24T14:04:00Z", "2026-11-24T14:05:00Z");
    }

    @Test
    void shouldAlignFromToTheIntervalAndAnswerTheLatestBarsWithoutBounds() {
        JsonNode aligned = json(api.get(PATH + "?interval=5m&from=2026-11-24T14:03:30Z&to=2026-11-24T14:10:00Z"));
        JsonNode latest = json(api.get(PATH));

        assertThat(aligned.path("from").asText()).isEqualTo("2026-11-24T14:00:00Z");
        assertThat(starts(aligned)).containsExactly("2026-11-24T14:00:00Z", "2026-11-24T14:05:00Z");
        assertThat(latest.path("interval").asText()).isEqualTo("1m");
        assertThat(latest.path("candles").isArray()).isTrue();
        assertThat(latest.path("next").isNull()).isTrue();
    }

    @Test
    void shouldRefuseBadParametersWithProblems() {
        assertProblem(api.get(PATH + "?interval=2m"), 400);
        assertProblem(api.get(PATH + "?interval=1M"), 400);
        assertProblem(api.get(PATH + "?interval=1m&interval=5m"), 400);
        assertProblem(api.get(PATH + "?from=2026-11-24T15:00:00Z&to=2026-11-24T14:00:00Z"), 400);
        assertProblem(api.get(PATH + "?from=2026-11-24T14:00:00Z&to=2026-11-24T14:00:00Z"), 400);
        assertProblem(api.get(PATH + "?from=yesterday"), 400);
        assertProblem(api.get(PATH + "?to=2026-11-24T14:00:00"), 400);
        assertProblem(api.get(PATH + "?from=-999999999-01-01T00:00:00Z"), 400);
        assertProblem(api.get(PATH + "?limit=0"), 400);
        assertProblem(api.get(PATH + "?limit=10001"), 400);
        assertProblem(api.get("/api/v1/market-data/prices/not%20a%20symbol!/candles"), 400);
        JsonNode unknown = assertProblem(api.get("/api/v1/market-data/prices/NOPE/candles" + "?interval=1m" + DAY), 404);
        assertThat(unknown.path("type").asText()).isEqualTo("/problems/unknown-symbol");
    }

    private static List<String> starts(JsonNode page) {
        List<String> starts = new ArrayList<>();
        page.path("candles").forEach(candle -> starts.add(candle.path("start").asText()));
        return starts;
    }

    private void bar(int minute, String open, String high, String low, String close, long volume, long ticks,
                     int firstSecond, int lastSecond) throws SQLException {
        Instant start = T0.plusSeconds(60L * minute);
        try (Connection connection = api.database().connect(); PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO realtime_price_candles_1m (symbol, bucket_start, open_price, high_price, low_price, close_price,
                    volume, tick_count, first_tick_time, open_history_id, last_tick_time, close_history_id)
                VALUES ('AAPL', ?, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?, ?, ?, ?, ?, ?)""")) {
            statement.setObject(1, utc(start));
            statement.setString(2, open);
            statement.setString(3, high);
            statement.setString(4, low);
            statement.setString(5, close);
            statement.setLong(6, volume);
            statement.setLong(7, ticks);
            statement.setObject(8, utc(start.plusSeconds(firstSecond)));
            statement.setLong(9, minute * 10L);
            statement.setObject(10, utc(start.plusSeconds(lastSecond)));
            statement.setLong(11, minute * 10L + 1);
            statement.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
