package com.pricefeed.api.health;

import com.pricefeed.api.support.RunningApi;
import com.pricefeed.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsIT {

    private RunningApi api;

    @BeforeAll
    void startApi() {
        api = RunningApi.start();
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldServeTheDashboardPage() {
        HttpResponse<String> response = api.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).contains("/api/v1/market-data/stream");
    }

    @Test
    void shouldReportLive() {
        HttpResponse<String> response = api.get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldReportReadyWhenDatabaseIsReachableAndMigrated() {
        HttpResponse<String> response = api.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldReportNotReadyWhenMigrationsAreMissing() {
        try (RunningApi unmigrated = RunningApi.startOn(TestDatabase.create(), Map.of())) {
            // The follower checks the schema when it connects, a moment after the API starts.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> response = unmigrated.get("/health/ready");

                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(json(response).path("status").asText()).isEqualTo("DOWN");
                assertThat(json(response).path("detail").asText()).contains("migrations");
            });
        }
    }

    @Test
    void shouldExposeRequestMetricsByRouteTemplateNotRawPath() {
        api.get("/api/v1/market-data/prices/AAPL");
        api.get("/api/v1/market-data/prices/MSFT");
        api.get("/no/such/route/12345");

        HttpResponse<String> response = api.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("http_server_requests_seconds_bucket{")
                .contains("uri=\"/api/v1/market-data/prices/{symbol}\"")
                .contains("status=\"404\"")
                .contains("uri=\"UNMATCHED\"")
                .contains("hikaricp_connections")
                .doesNotContain("uri=\"/api/v1/market-data/prices/AAPL\"")
                .doesNotContain("12345");
    }
}
