package com.pricefeed.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminIT {

    private static final String PATH = "/api/v1/admin/pricing-metrics";

    private RunningApi api;
    private Instant now;

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("STALE_AFTER", "5m", "ADMIN_TICK_WINDOW", "1h"));
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PriceRows rows = api.rows();
        rows.insert(aTick("AAPL", "100.10", now.minus(1, ChronoUnit.MINUTES)));
        rows.insert(aTick("AAPL", "100.20", now.minus(30, ChronoUnit.SECONDS)));
        rows.insert(aTick("MSFT", "400.00", now.minus(10, ChronoUnit.MINUTES)).provider("finnhub"));
        rows.insert(aTick("GOOG", "150.0001", now).company("Alphabet Inc."));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldReportTheSeedFiguresFreshnessAndProvidersToALoopbackCaller() {
        var response = api.get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metrics = json(response);
        assertThat(metrics.path("total_symbols").asLong()).isEqualTo(3);
        assertThat(metrics.path("avg_price").asText()).isEqualTo("216.7334");
        assertThat(metrics.path("symbol_prices").toString())
                .isEqualTo("{\"AAPL\":\"100.2000\",\"GOOG\":\"150.0001\",\"MSFT\":\"400.0000\"}");
        JsonNode freshness = metrics.path("freshness");
        assertThat(freshness.path("stale_after_seconds").asLong()).isEqualTo(300);
        assertThat(freshness.path("stale_symbols").asLong()).isEqualTo(1);
        assertThat(Instant.parse(freshness.path("oldest_last_updated").asText())).isEqualTo(now.minus(10, ChronoUnit.MINUTES));
        assertThat(Instant.parse(freshness.path("newest_last_updated").asText())).isEqualTo(now);
        JsonNode providers = metrics.path("providers");
        assertThat(providers).hasSize(2);
        assertThat(providers.get(0).path("provider").asText()).isEqualTo("finnhub");
        assertThat(providers.get(0).path("symbols_led").asLong()).isEqualTo(1);
        assertThat(providers.get(0).path("ticks_in_window").asLong()).isEqualTo(1);
        assertThat(providers.get(1).path("provider").asText()).isEqualTo("polygon");
        assertThat(providers.get(1).path("symbols_led").asLong()).isEqualTo(2);
        assertThat(providers.get(1).path("ticks_in_window").asLong()).isEqualTo(3);
        assertThat(providers.get(1).path("window_seconds").asLong()).isEqualTo(3600);
        assertThat(providers.get(1).path("last_tick_at").isTextual()).isTrue();
    }

    @Test
    void shouldRefuseALoopbackCallerWhoseHostHeaderNamesAnotherHost() {
        assertThat(api.raw(PATH, "rebound.example:8080")).startsWith("HTTP/1.1 403");
        assertThat(api.raw(PATH, "localhost:8080")).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldRequireTheBearerTokenWhenAdminTokenIsSet() {
        try (RunningApi guarded = RunningApi.start(Map.of("ADMIN_TOKEN", "s3cret-admin-token-of-32-characters"))) {
            var missing = guarded.get(PATH);
            assertProblem(missing, 401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertProblem(guarded.send(HttpRequest.newBuilder(guarded.uri(PATH)).header("Authorization", "Bearer nope")), 401);
            assertProblem(guarded.get("/api/v1/admin/unknown"), 401);

            var allowed = guarded.send(HttpRequest.newBuilder(guarded.uri(PATH)).header("Authorization", "Bearer s3cret-admin-token-of-32-characters"));
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(json(allowed).path("total_symbols").asLong()).isZero();
            assertThat(json(allowed).path("avg_price").isNull()).isTrue();
            assertThat(json(allowed).path("symbol_prices").isEmpty()).isTrue();
        }
    }
}
