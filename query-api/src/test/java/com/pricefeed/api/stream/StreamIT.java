package com.pricefeed.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.api.support.SseRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RunningApi api;
    private PriceRows rows;
    private long aaplId;
    private long msftId;

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("STREAM_HEARTBEAT", "300ms", "BULK_MAX_SYMBOLS", "10"));
        rows = api.rows();
        aaplId = rows.insert(aTick("AAPL", "189.23", T0));
        msftId = rows.insert(aTick("MSFT", "410.00", T0));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldSendSnapshotThenEachCommittedChangeThenResumeFromLastEventId() {
        SseRecorder first = connect("AAPL,MSFT,GOOG", Map.of());
        await().atMost(WAIT).until(() -> first.events().size() >= 2);
        List<SseRecorder.Event> snapshot = first.events();
        assertThat(snapshot).extracting(SseRecorder.Event::name).containsOnly("price");
        assertThat(snapshot).extracting(SseRecorder.Event::id).containsExactly(Long.toString(aaplId), Long.toString(msftId));
        assertThat(data(snapshot.get(0)).path("price").asText()).isEqualTo("189.2300");
        assertThat(data(snapshot.get(0)).path("last_updated").asText()).isEqualTo("2026-11-24T14:00:00Z");

        long newAapl = rows.insert(aTick("AAPL", "190.00", T0.plusSeconds(1)));
        rows.insert(aTick("TSLA", "250.00", T0.plusSeconds(1)));
        long newGoog = rows.insert(aTick("GOOG", "150.00", T0.plusSeconds(2)));

        await().atMost(WAIT).until(() -> first.events().size() >= 4);
        assertThat(first.events()).extracting(SseRecorder.Event::id)
                .containsExactly(Long.toString(aaplId), Long.toString(msftId), Long.toString(newAapl), Long.toString(newGoog));
        assertThat(data(first.events().get(2)).path("price").asText()).isEqualTo("190.0000");
        assertThat(first.events()).noneMatch(event -> event.data().contains("TSLA"));
        first.close();

        long newMsft = rows.insert(aTick("MSFT", "411.00", T0.plusSeconds(3)));
        SseRecorder resumed = connect("AAPL,MSFT,GOOG", Map.of("Last-Event-ID", Long.toString(newGoog)));
        await().atMost(WAIT).until(() -> !resumed.events().isEmpty());
        assertThat(resumed.events()).extracting(SseRecorder.Event::id).containsExactly(Long.toString(newMsft));
        assertThat(data(resumed.events().get(0)).path("price").asText()).isEqualTo("411.0000");
        resumed.close();
    }

    @Test
    void shouldSendDelistedWhenAFollowedSymbolIsDelistedAndPriceAgainWhenANewerTickRelistsIt() {
        long last = rows.insert(aTick("DLST", "20.00", T0));
        SseRecorder client = connect("DLST", Map.of());
        await().atMost(WAIT).until(() -> client.events().size() >= 1);

        assertThat(rows.delist("DLST", T0.plusSeconds(60))).isTrue();
        await().atMost(WAIT).until(() -> client.events().size() >= 2);
        SseRecorder.Event delisted = client.events().get(1);
        assertThat(delisted.name()).isEqualTo("delisted");
        assertThat(delisted.id()).isEqualTo(Long.toString(last));
        assertThat(data(delisted).path("status").asText()).isEqualTo("delisted");
        assertThat(data(delisted).path("price").asText()).isEqualTo("20.0000");
        assertThat(data(delisted).path("delisted_at").asText()).isEqualTo("2026-11-24T14:01:00Z");

        // Resuming after the last price event the client saw still brings the delisting.
        SseRecorder resumed = connect("DLST", Map.of("Last-Event-ID", Long.toString(last)));
        await().atMost(WAIT).until(() -> !resumed.events().isEmpty());
        assertThat(resumed.events()).extracting(SseRecorder.Event::name).containsExactly("delisted");
        resumed.close();

        long relisted = rows.insert(aTick("DLST", "21.00", T0.plusSeconds(120)));
        await().atMost(WAIT).until(() -> client.events().size() >= 3);
        SseRecorder.Event price = client.events().get(2);
        assertThat(price.name()).isEqualTo("price");
        assertThat(price.id()).isEqualTo(Long.toString(relisted));
        assertThat(data(price).path("status").asText()).isEqualTo("listed");
        assertThat(data(price).path("delisted_at").isNull()).isTrue();
        client.close();

        SseRecorder fresh = connect("DLST", Map.of());
        await().atMost(WAIT).until(() -> !fresh.events().isEmpty());
        assertThat(fresh.events()).extracting(SseRecorder.Event::name).containsExactly("price");
        fresh.close();
    }

    @Test
    void shouldStartASnapshotWithDelistedForASymbolDelistedBefore() {
        rows.insert(aTick("OLDD", "3.00", T0));
        rows.delist("OLDD", T0.plusSeconds(1));
        // Once one client has seen the delisting, the rows the hub holds have it: a later snapshot starts with it.
        try (SseRecorder first = connect("OLDD", Map.of())) {
            await().atMost(WAIT).until(() -> first.events().stream().anyMatch(event -> event.name().equals("delisted")));
        }
        try (SseRecorder client = connect("OLDD", Map.of())) {
            await().atMost(WAIT).until(() -> !client.events().isEmpty());
            assertThat(client.events()).extracting(SseRecorder.Event::name).containsExactly("delisted");
            assertThat(data(client.events().get(0)).path("price").asText()).isEqualTo("3.0000");
        }
    }

    @Test
    void shouldSendHeartbeatCommentsOnAnIdleStream() {
        try (SseRecorder idle = connect("IDLE", Map.of())) {
            await().atMost(WAIT).until(() -> idle.lines().stream().filter(line -> line.startsWith(":")).count() >= 2);
            assertThat(idle.events()).isEmpty();
        }
    }

    @Test
    void shouldReleaseTheSubscriptionWhenTheClientDisconnects() {
        SseRecorder client = connect("NFLX", Map.of());
        await().atMost(WAIT).until(() -> api.get("/metrics").body().contains("stream_clients 1.0")
                || api.get("/metrics").body().matches("(?s).*stream_clients [1-9].*"));
        client.close();
        // The server notices on its next write: a heartbeat at the latest.
        await().atMost(WAIT).until(() -> api.get("/metrics").body().contains("stream_clients 0.0"));
    }

    @Test
    void shouldRefuseBadStreamRequestsWithProblemsBeforeStreaming() {
        assertProblem(api.get("/api/v1/market-data/stream"), 400);
        assertProblem(api.get("/api/v1/market-data/stream?symbols=" + "A,".repeat(11)), 400);
        assertProblem(api.get("/api/v1/market-data/stream?symbols=BAD%27SYMBOL"), 400);
        assertProblem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/stream?symbols=AAPL"))
                .header("Last-Event-ID", "not-a-number")), 400);
        assertProblem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/market-data/stream?symbols=AAPL"))
                .header("Accept", "application/json")), 406);
    }

    private SseRecorder connect(String symbols, Map<String, String> headers) {
        return SseRecorder.connect(api.client(), api.uri("/api/v1/market-data/stream?symbols=" + symbols), headers);
    }

    private static JsonNode data(SseRecorder.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
