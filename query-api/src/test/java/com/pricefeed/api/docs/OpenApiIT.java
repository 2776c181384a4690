package com.pricefeed.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIT {

    private RunningApi api;

    @BeforeAll
    void startApi() {
        api = RunningApi.start();
        api.rows().insert(aTick("AAPL", "189.23", Instant.parse("2026-11-24T14:30:00Z")));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldServeAnOpenApi3Document() {
        HttpResponse<String> response = api.get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void shouldAnswerEveryDocumentedRouteWithADocumentedStatusAndMediaType() throws Exception {
        JsonNode paths = json(api.get("/openapi.json")).path("paths");
        List<String> walked = new ArrayList<>();

        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            JsonNode get = path.getValue().path("get");
            assertThat(get.isMissingNode()).as("%s documents GET", path.getKey()).isFalse();
            String uri = concrete(path.getKey(), get);
            HttpResponse<InputStream> response = api.client().send(HttpRequest.newBuilder(api.uri(uri))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try {
                String status = Integer.toString(response.statusCode());
                JsonNode documented = get.path("responses").path(status);
                assertThat(documented.isMissingNode()).as("%s answered %s, which is not documented", uri, status).isFalse();
                String contentType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
                assertThat(documented.path("content").has(contentType))
                        .as("%s answered %s as %s; documented %s", uri, status, contentType, documented.path("content").properties())
                        .isTrue();
            } finally {
                response.body().close();
            }
            walked.add(path.getKey());
        }

        assertThat(walked).contains("/api/v1/market-data/prices/{symbol}", "/api/v1/market-data/prices",
                "/api/v1/market-data/prices/{symbol}/history", "/api/v1/market-data/prices/{symbol}/candles",
                "/api/v1/market-data/stream",
                "/api/v1/admin/pricing-metrics", "/health/live", "/health/ready", "/metrics");
    }

    /** The documented path with its path parameters and required query parameters filled from the examples. */
    private static String concrete(String template, JsonNode operation) {
        String path = template;
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String example = parameter.path("example").asText("AAPL");
            if (parameter.path("in").asText().equals("path")) {
                path = path.replace("{" + parameter.path("name").asText() + "}", example);
            } else if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                query.add(parameter.path("name").asText() + "=" + example);
            }
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }
}
