package com.pricefeed.api.stream;

import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RawStreamClient;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.api.support.SseRecorder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Clients that stop reading, and one address opening too many streams, cannot take the stream from the others. */
class StreamClientLimitsIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SYMBOLS = 1_000;
    /** More than the stream's writer threads. */
    private static final int STALLED = 6;
    private static final int ROUNDS = 30;

    @Test
    void shouldKeepServingAHealthyClientAndDropClientsThatStopReading() {
        try (RunningApi api = RunningApi.start(Map.of("BULK_MAX_SYMBOLS", Integer.toString(SYMBOLS),
                "STREAM_CLIENT_BUFFER", "100000", "STREAM_WRITE_TIMEOUT", "1s", "STREAM_HEARTBEAT", "1m"))) {
            PriceRows rows = api.rows();
            List<String> symbols = IntStream.range(0, SYMBOLS).mapToObj(i -> String.format("S%04d", i)).toList();
            rows.insertAll(symbols, "1.00", T0);
            URI everything = api.uri("/api/v1/market-data/stream?symbols=" + String.join(",", symbols));
            List<RawStreamClient> stalled = new ArrayList<>();
            try (SseRecorder healthy = SseRecorder.connect(api.client(), api.uri("/api/v1/market-data/stream?symbols=S0000"), Map.of())) {
                IntStream.range(0, STALLED).forEach(i -> stalled.add(RawStreamClient.open(everything, "127.0.0.1")));
                await().atMost(WAIT).until(() -> metric(api, "stream_clients") == STALLED + 1 && healthy.events().size() == 1);

                for (int round = 1; round <= ROUNDS; round++) {
                    rows.insertAll(symbols, round + ".00", T0.plusSeconds(round));
                    int expected = round + 1;
                    await().atMost(WAIT).until(() -> healthy.events().size() == expected);
                }

                await().atMost(WAIT).until(() -> metric(api, "stream_clients_dropped_total") == STALLED);
                assertThat(metric(api, "stream_clients")).isEqualTo(1);
                assertThat(healthy.events().get(ROUNDS).data()).contains("\"price\":\"" + ROUNDS + ".0000\"");
            } finally {
                stalled.forEach(RawStreamClient::close);
            }
        }
    }

    @Test
    void shouldRefuseAnAddressItsStreamBeyondItsShareAndStillAdmitOthers() {
        try (RunningApi api = RunningApi.start(Map.of("STREAM_MAX_CLIENTS_PER_ADDRESS", "2", "STREAM_HEARTBEAT", "200ms"))) {
            URI stream = api.uri("/api/v1/market-data/stream?symbols=AAPL");
            try (RawStreamClient first = RawStreamClient.open(stream, "127.0.0.1");
                 RawStreamClient second = RawStreamClient.open(stream, "127.0.0.1")) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.status()).isEqualTo(200);

                try (RawStreamClient third = RawStreamClient.open(stream, "127.0.0.1")) {
                    assertThat(third.head()).startsWith("HTTP/1.1 429 ")
                            .containsIgnoringCase("content-type: application/problem+json")
                            .containsIgnoringCase("retry-after:");
                }
                try (RawStreamClient elsewhere = RawStreamClient.open(stream, "127.0.0.2")) {
                    assertThat(elsewhere.status()).isEqualTo(200);
                }

                first.close();
                // The server notices on its next write to the closed connection: a heartbeat at the latest.
                await().atMost(WAIT).until(() -> metric(api, "stream_clients") == 1);
                try (RawStreamClient again = RawStreamClient.open(stream, "127.0.0.1")) {
                    assertThat(again.status()).isEqualTo(200);
                }
            }
        }
    }

    private static double metric(RunningApi api, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " ([0-9.eE+]+)$").matcher(api.get("/metrics").body());
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }
}
