package com.pricefeed.schemas.history;

import com.pricefeed.schemas.json.JsonSerde;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.topic.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryRecordSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:30:00.123456Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-24T14:30:00.200000001Z");
    private static final PriceTick FULL = new PriceTick("BRK.A", new BigDecimal("712345.6789"), AT, "polygon",
            Long.MAX_VALUE, new BigDecimal("700000.1000"), new BigDecimal("720000.0000"), new BigDecimal("0.0001"),
            new BigDecimal("699999.9999"), "Berkshire Hathaway Inc. \u2014 Class A \uD83D\uDCC8",
            new BigDecimal("999999999999999999.99"));
    private static final PriceTick BARE = new PriceTick("X", new BigDecimal("1.5000"), AT, "p", null, null, null, null,
            null, null, null);

    private final Serde<HistoryRecord> serde = Topics.priceHistory(Topics.PRICE_HISTORY).valueSerde();

    @Test
    void shouldRoundTripEveryFieldExactlyWithScalesKept() {
        HistoryRecord record = new HistoryRecord(FULL, RECEIVED, true);

        HistoryRecord read = roundTrip(record);

        assertThat(read).isEqualTo(record);
        assertThat(read.tick().price()).hasToString("712345.6789");
        assertThat(read.tick().marketCap()).hasToString("999999999999999999.99");
        assertThat(read.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldRoundTripALateTickWithOnlyTheRequiredFields() {
        HistoryRecord record = new HistoryRecord(BARE, RECEIVED, false);

        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Test
    void shouldReadTheJsonThatEarlierProcessorsWrote() throws IOException {
        assertThat(serde.deserializer().deserialize("price-history", earlierJson("history-full.json")))
                .isEqualTo(new HistoryRecord(FULL, RECEIVED, true));
        assertThat(serde.deserializer().deserialize("price-history", earlierJson("history-bare.json")))
                .isEqualTo(new HistoryRecord(BARE, RECEIVED, false));
    }

    @Test
    void shouldBeLessThanHalfTheSizeOfTheJson() {
        HistoryRecord record = new HistoryRecord(FULL, RECEIVED, true);

        byte[] binary = serde.serializer().serialize("t", record);
        byte[] json = new JsonSerde<>(HistoryRecord.class).serializer().serialize("t", record);

        assertThat(binary.length).isLessThan(json.length / 2);
    }

    @Test
    void shouldFailWithSerializationExceptionNamingTheTopicOnTruncatedOrUnknownBytes() {
        byte[] bytes = serde.serializer().serialize("t", new HistoryRecord(FULL, RECEIVED, true));

        assertThatThrownBy(() -> serde.deserializer().deserialize("price-history", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("price-history");
        assertThatThrownBy(() -> serde.deserializer().deserialize("price-history", new byte[]{9, 0}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("price-history", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeepTombstonesNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    private HistoryRecord roundTrip(HistoryRecord record) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", record));
    }

    /**
     * What {@code price-history} held before the binary form came in: the bytes that the JSON serde of the previous
     * version wrote for these two records.
     */
    private static byte[] earlierJson(String name) throws IOException {
        try (InputStream in = HistoryRecordSerdeTest.class.getResourceAsStream("/history/json-before-binary/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }
}
