package com.pricefeed.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.topic.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:30:00.123456789Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-24T14:30:00.200000001Z");

    private final Serde<HistoryRecord> history = new JsonSerde<>(HistoryRecord.class);
    private final Serde<MasterRecord> master = Topics.realtimeSymbols(Topics.REALTIME_SYMBOLS).valueSerde();
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void shouldRoundTripAFullHistoryRecordExactly() {
        HistoryRecord record = new HistoryRecord(fullTick(), RECEIVED, true);

        HistoryRecord read = history.deserializer().deserialize("price-history",
                history.serializer().serialize("price-history", record));

        assertThat(read).isEqualTo(record);
        assertThat(read.tick().price()).hasToString("189.2300");
        assertThat(read.tick().marketCap()).hasToString("2950000000000.00");
        assertThat(read.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldRoundTripAMinimalHistoryRecordExactly() {
        HistoryRecord record = new HistoryRecord(minimalTick(), RECEIVED, false);

        assertThat(history.deserializer().deserialize("t", history.serializer().serialize("t", record))).isEqualTo(record);
    }

    @Test
    void shouldWriteHistoryInTheDocumentedShape() throws IOException {
        JsonNode json = plain.readTree(history.serializer().serialize("t", new HistoryRecord(fullTick(), RECEIVED, true)));

        JsonNode tick = json.get("tick");
        assertThat(json.get("received_at").textValue()).isEqualTo("2026-11-24T14:30:00.200000001Z");
        assertThat(json.get("became_current").booleanValue()).isTrue();
        assertThat(tick.get("source_timestamp").textValue()).isEqualTo("2026-11-24T14:30:00.123456789Z");
        assertThat(tick.get("symbol").textValue()).isEqualTo("AAPL");
        assertThat(tick.get("provider").textValue()).isEqualTo("polygon");
        assertThat(tick.get("volume").isIntegralNumber()).isTrue();
        assertThat(tick.get("volume").longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(tick.get("company_name").textValue()).isEqualTo("Apple Inc.");
    }

    @Test
    void shouldWriteMoneyAsJsonStringsKeepingTheScale() throws IOException {
        JsonNode tick = plain.readTree(history.serializer().serialize("t", new HistoryRecord(fullTick(), RECEIVED, true))).get("tick");

        for (String field : new String[]{"price", "open_price", "high_price", "low_price", "previous_close", "market_cap"}) {
            assertThat(tick.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(tick.get("price").textValue()).isEqualTo("189.2300");
        assertThat(tick.get("open_price").textValue()).isEqualTo("188.1000");
        assertThat(tick.get("market_cap").textValue()).isEqualTo("2950000000000.00");
    }

    @Test
    void shouldLeaveAbsentValuesOut() throws IOException {
        JsonNode tick = plain.readTree(history.serializer().serialize("t", new HistoryRecord(minimalTick(), RECEIVED, false))).get("tick");

        assertThat(tick.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("symbol", "price", "source_timestamp", "provider");
    }

    @Test
    void shouldRoundTripAMasterRecordExactly() {
        MasterRecord record = MasterRecord.of(fullTick(), null);
        MasterRecord minimal = MasterRecord.of(minimalTick(), null);

        assertThat(master.deserializer().deserialize("t", master.serializer().serialize("t", record))).isEqualTo(record);
        assertThat(master.deserializer().deserialize("t", master.serializer().serialize("t", minimal))).isEqualTo(minimal);
    }

    @Test
    void shouldWriteMasterInTheDocumentedShape() throws IOException {
        JsonNode json = plain.readTree(master.serializer().serialize("t", MasterRecord.of(minimalTick(), null)));

        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("symbol", "price", "last_updated", "provider");
        assertThat(json.get("price").textValue()).isEqualTo("0.0001");
        assertThat(json.get("last_updated").textValue()).isEqualTo("2026-11-24T14:30:00.123456789Z");
    }

    @Test
    void shouldReadMoneyWrittenAsJsonNumbersExactly() {
        byte[] json = "{\"symbol\":\"AAPL\",\"price\":189.2300,\"last_updated\":\"2026-11-24T14:30:00Z\",\"provider\":\"polygon\",\"market_cap\":0.10}"
                .getBytes(StandardCharsets.UTF_8);

        MasterRecord read = master.deserializer().deserialize("t", json);

        assertThat(read.price()).hasToString("189.2300");
        assertThat(read.marketCap()).hasToString("0.10");
    }

    @Test
    void shouldKeepNullAsNullBothWays() {
        assertThat(history.serializer().serialize("t", null)).isNull();
        assertThat(history.deserializer().deserialize("t", null)).isNull();
    }

    @ParameterizedTest(name = "wraps {0} in a SerializationException naming the topic")
    @ValueSource(strings = {"not json", "{\"tick\":", "[1,2,3]", "{}", "{\"tick\":{\"symbol\":\"AAPL\"},\"received_at\":\"x\"}",
            "{\"tick\":{\"symbol\":\"AAPL\",\"price\":\"abc\",\"source_timestamp\":\"2026-11-24T14:30:00Z\",\"provider\":\"p\"},\"received_at\":\"2026-11-24T14:30:00Z\"}"})
    void shouldWrapGarbageInSerializationExceptionNamingTheTopic(String garbage) {
        assertThatThrownBy(() -> history.deserializer().deserialize("price-history", garbage.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("price-history")
                .hasMessageContaining("HistoryRecord")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void shouldWrapInvalidUtf8InSerializationExceptionNamingTheTopic() {
        byte[] bytes = {'{', '"', 's', 'y', 'm', 'b', 'o', 'l', '"', ':', '"', (byte) 0xFF, '"', '}'};

        assertThatThrownBy(() -> master.deserializer().deserialize("realtime-symbols", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("realtime-symbols")
                .hasMessageContaining("MasterRecord");
    }

    static PriceTick fullTick() {
        return new PriceTick("AAPL", new BigDecimal("189.2300"), AT, "polygon", Long.MAX_VALUE,
                new BigDecimal("188.1000"), new BigDecimal("190.0000"), new BigDecimal("187.9500"),
                new BigDecimal("187.4400"), "Apple Inc.", new BigDecimal("2950000000000.00"));
    }

    static PriceTick minimalTick() {
        return new PriceTick("BRK.B", new BigDecimal("0.0001"), AT, "alpaca", null,
                null, null, null, null, null, null);
    }
}
