package com.pricefeed.api.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error answer has the same RFC 9457 shape and leaks nothing from inside the server. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = RunningApi.json(response);
        assertThat(problem.path("type").asText()).startsWith("/problems/");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("select ")
                .doesNotContain("\tat ")
                .doesNotContainIgnoringCase("org.postgresql")
                .doesNotContainIgnoringCase("jetty");
        return problem;
    }

    /** The same checks on a raw HTTP/1.1 response read from a socket. */
    public static void assertRawProblem(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"status\":" + status)
                .doesNotContain("\tat ")
                .doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("<html");
    }
}
