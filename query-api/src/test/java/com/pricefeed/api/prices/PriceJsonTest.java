package com.pricefeed.api.prices;

import com.pricefeed.api.http.ApiJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PriceJsonTest {

    private final PriceJson json = new PriceJson(ApiJson.mapper());

    @Test
    void shouldWriteWhatTheApiMapperWrites() throws Exception {
        Price price = price("189.2300", 7);

        assertThat(json.of(price)).isEqualTo(ApiJson.mapper().writeValueAsBytes(price));
    }

    @Test
    void shouldWriteARowOnceAndANewRowOfTheSymbolAgain() throws Exception {
        Price first = price("189.2300", 7);
        Price next = price("190.0000", 8);

        byte[] once = json.of(first);
        assertThat(json.of(first)).isSameAs(once);
        assertThat(new String(json.of(next))).contains("\"price\":\"190.0000\"", "\"latest_history_id\":8");
    }

    private static Price price(String value, long historyId) {
        return new Price("AAPL", new BigDecimal(value), Instant.parse("2026-11-24T14:30:00Z"), "Apple Inc.", 100L,
                "polygon", null, historyId, null);
    }
}
