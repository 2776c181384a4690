package com.pricefeed.api.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.ApiConfig;
import com.pricefeed.api.QueryApi;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.ProblemAssert.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsIT {

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
    void shouldAnswer404ProblemForUnknownRoute() {
        JsonNode problem = assertProblem(api.get("/api/v1/nothing-here"), 404);

        assertThat(problem.path("type").asText()).isEqualTo("/problems/no-route");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/nothing-here");
    }

    @Test
    void shouldAnswer400ForAMalformedSymbolAnd404ForAnUnknownOne() {
        JsonNode malformed = assertProblem(api.get("/api/v1/market-data/prices/BAD%27%3B%20DROP"), 400);
        JsonNode unknown = assertProblem(api.get("/api/v1/market-data/prices/NOPE"), 404);

        assertThat(malformed.path("type").asText()).isEqualTo("/problems/invalid-symbol");
        assertThat(unknown.path("type").asText()).isEqualTo("/problems/unknown-symbol");
    }

    @Test
    void shouldAnswer429WithRetryAfterBeyondTheClientsRateButKeepHealthOpen() {
        try (RunningApi limited = RunningApi.start(Map.of("API_RATE_LIMIT", "3"))) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                responses.add(limited.get("/api/v1/market-data/prices/AAPL"));
            }

            HttpResponse<String> refused = responses.stream().filter(response -> response.statusCode() == 429)
                    .findFirst().orElseThrow(() -> new AssertionError("no request was limited"));
            JsonNode problem = assertProblem(refused, 429);
            assertThat(problem.path("type").asText()).isEqualTo("/problems/too-many-requests");
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(404, 429).startsWith(404);
            assertThat(limited.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswer405WithAllowHeaderForWrongMethod() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices/AAPL"))
                .DELETE());

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        HttpResponse<String> post = api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(post, 405);
    }

    @Test
    void shouldAnswer406WhenCallerAcceptsNothingTheRouteProduces() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices/AAPL"))
                .header("Accept", "text/html"));

        assertProblem(response, 406);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices/AAPL"))
                .header("Accept", "text/html, application/*;q=0.5")).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer431ForOversizedHeaders() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices/AAPL"))
                .header("X-Padding", "x".repeat(64 * 1024)));

        assertProblem(response, 431);
    }

    @Test
    void shouldAnswer413ForARequestCarryingALargeBody() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/prices"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1024 * 1024))));

        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.path("type").asText()).isEqualTo("/problems/request-too-large");
    }

    @Test
    void shouldAnswer414ForOversizedRequestLine() {
        assertProblem(api.get("/api/v1/market-data/prices/" + "A".repeat(64 * 1024)), 414);
        String raw = api.raw("/api/v1/market-data/prices?symbols=" + "A".repeat(64 * 1024));
        assertRawProblem(raw, 414);
        assertThat(raw.toLowerCase()).contains("connection: close");
    }

    @Test
    void shouldAnswerProblemForARequestJettyCannotParse() {
        assertRawProblem(api.raw("/api/v1/market-data/prices/%C0%AE%C0%AE/../x"), 400);
    }

    @Test
    void shouldAnswer503WhenTheDatabaseIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseConfig nowhere = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + closedPort + "/prices", "postgres", "");
        ApiConfig config = ApiConfig.local(nowhere, new Env(Map.of("API_DB_CONNECT_TIMEOUT", "300ms")));
        try (QueryApi unreachable = new QueryApi(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start()) {
            HttpResponse<String> response = get(unreachable, "/api/v1/market-data/prices/AAPL");

            JsonNode problem = assertProblem(response, 503);
            assertThat(problem.path("type").asText()).isEqualTo("/problems/service-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).doesNotContain(Integer.toString(closedPort));
            assertThat(get(unreachable, "/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(unreachable, "/health/live").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(QueryApi api, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
