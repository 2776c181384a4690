package com.pricefeed.api.stream;

import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.api.support.SseRecorder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamLoadIT {

    private static final int CLIENTS = 1_000;

    @Test
    void shouldServeAThousandConcurrentStreamClientsEachChange() {
        try (RunningApi api = RunningApi.start(Map.of("STREAM_HEARTBEAT", "30s", "API_RATE_LIMIT", "0",
                "STREAM_MAX_CLIENTS_PER_ADDRESS", Integer.toString(CLIENTS)))) {
            PriceRows rows = api.rows();
            long first = rows.insert(aTick("LOAD", "10.00", Instant.parse("2026-11-24T14:00:00Z")));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<SseRecorder> recorders = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                recorders.add(SseRecorder.connect(client, api.uri("/api/v1/market-data/stream?symbols=LOAD"), Map.of()));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> recorders.stream().allMatch(r -> r.events().size() >= 1));

            long second = rows.insert(aTick("LOAD", "10.01", Instant.parse("2026-11-24T14:00:01Z")));

            await().atMost(Duration.ofSeconds(60)).until(() -> recorders.stream().allMatch(r -> r.events().size() >= 2));
            assertThat(recorders).allSatisfy(recorder -> assertThat(recorder.events())
                    .extracting(SseRecorder.Event::id).containsExactly(Long.toString(first), Long.toString(second)));
            recorders.forEach(SseRecorder::close);
        }
    }
}
