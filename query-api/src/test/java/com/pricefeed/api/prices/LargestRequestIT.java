package com.pricefeed.api.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.api.support.SseRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.ProblemAssert.assertProblem;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The longest symbol list BULK_MAX_SYMBOLS admits gets through the server's request-head limit, however encoded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargestRequestIT {

    private static final int MOST = 10_000;

    private RunningApi api;
    private List<String> symbols;

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("BULK_MAX_SYMBOLS", Integer.toString(MOST)));
        symbols = IntStream.range(0, MOST).mapToObj(i -> String.format("SYM.%06d", i)).toList();
        api.rows().insert(aTick(symbols.get(MOST - 1), "1.5", Instant.parse("2026-11-24T14:30:00Z")));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldAnswerABulkRequestForTheMostSymbolsAllowedWithEveryCharacterPercentEncoded() {
        HttpResponse<String> response = api.get("/api/v1/market-data/prices?symbols=" + encodedList(symbols));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("prices").findValuesAsText("symbol")).containsExactly(symbols.get(MOST - 1));
        assertThat(body.path("not_found")).hasSize(MOST - 1);
    }

    @Test
    void shouldStreamTheMostSymbolsAllowedWithEveryCharacterPercentEncoded() {
        try (SseRecorder client = SseRecorder.connect(api.client(),
                api.uri("/api/v1/market-data/stream?symbols=" + encodedList(symbols)), Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.events().size() == 1);
            assertThat(client.events().get(0).data()).contains(symbols.get(MOST - 1));
        }
    }

    @Test
    void shouldRefuseOneSymbolMoreAsTooMany() {
        List<String> tooMany = IntStream.rangeClosed(0, MOST).mapToObj(i -> "S" + i).toList();

        assertProblem(api.get("/api/v1/market-data/prices?symbols=" + String.join(",", tooMany)), 400);
    }

    /** Every character of every symbol and every separator as %XX: the longest way to write the list. */
    private static String encodedList(List<String> list) {
        return list.stream().map(LargestRequestIT::encodeAll).collect(Collectors.joining("%2C"));
    }

    private static String encodeAll(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return encoded.toString();
    }
}
