package com.pricefeed.schemas.history;

import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
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
import java.util.HexFormat;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryEventSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:30:00.123456Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-24T14:30:00.200000001Z");
    private static final PriceTick FULL = new PriceTick("BRK.A", new BigDecimal("712345.6789"), AT, "polygon",
            Long.MAX_VALUE, new BigDecimal("700000.1000"), new BigDecimal("720000.0000"), new BigDecimal("0.0001"),
            new BigDecimal("699999.9999"), "Berkshire Hathaway Inc. \u2014 Class A \uD83D\uDCC8",
            new BigDecimal("999999999999999999.99"));
    private static final Instant DELISTED = Instant.parse("2026-11-24T16:00:00.000000500Z");
    /** {@code new HistoryRecord(BARE, RECEIVED, false)} as the format-2 serde of the previous version wrote it. */
    private static final String BARE_FORMAT_TWO_HEX =
            "0200000000006b059f680bebc201010000015804000000000000003a98000000006b059f68075bca00000170";
    private static final PriceTick BARE = new PriceTick("X", new BigDecimal("1.5000"), AT, "p", null, null, null, null,
            null, null, null);

    private final Serde<HistoryEvent> serde = Topics.priceHistory(Topics.PRICE_HISTORY).valueSerde();

    @Test
    void shouldRoundTripEveryFieldExactlyWithScalesKept() {
        HistoryRecord record = new HistoryRecord(FULL, RECEIVED, true);

        HistoryRecord read = (HistoryRecord) roundTrip(record);

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

    @Test
    void shouldRoundTripATickRecordedWhileTheSymbolIsDelisted() {
        HistoryRecord record = new HistoryRecord(FULL, RECEIVED, true, DELISTED);

        HistoryEvent read = roundTrip(record);

        assertThat(read).isEqualTo(record);
        assertThat(((HistoryRecord) read).delistedAt()).isEqualTo(DELISTED);
    }

    @Test
    void shouldRoundTripADelisting() {
        SymbolDelisting delisting = new SymbolDelisting("BRK.A", DELISTED, "nasdaq", RECEIVED);

        HistoryEvent read = roundTrip(delisting);

        assertThat(read).isEqualTo(delisting);
        assertThat(read.symbol()).isEqualTo("BRK.A");
        assertThat(read.receivedAt()).isEqualTo(RECEIVED);
        assertThat(serde.serializer().serialize("t", delisting)[0]).isEqualTo(HistoryEventSerde.DELISTING_FORMAT);
    }

    @Test
    void shouldReadTheFormatTwoBytesWrittenBeforeDelistingExisted() {
        for (HistoryRecord earlier : new HistoryRecord[]{
                new HistoryRecord(FULL, RECEIVED, true), new HistoryRecord(BARE, RECEIVED, false)}) {
            byte[] bytes = formatTwoBeforeDelisting(earlier);

            assertThat(serde.deserializer().deserialize("price-history", bytes)).isEqualTo(earlier);
            assertThat(serde.serializer().serialize("t", earlier)).isEqualTo(bytes);
        }
        assertThat(HexFormat.of().formatHex(formatTwoBeforeDelisting(new HistoryRecord(BARE, RECEIVED, false))))
                .isEqualTo(BARE_FORMAT_TWO_HEX);
        assertThat(serde.deserializer().deserialize("price-history", HexFormat.of().parseHex(BARE_FORMAT_TWO_HEX)))
                .isEqualTo(new HistoryRecord(BARE, RECEIVED, false, null));
    }

    @Test
    void shouldRefuseUnknownFlagBits() {
        byte[] bytes = serde.serializer().serialize("t", new HistoryRecord(BARE, RECEIVED, false));
        bytes[1] = 4;

        assertThatThrownBy(() -> serde.deserializer().deserialize("price-history", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("price-history");
    }

    @Test
    void shouldRefuseATruncatedDelisting() {
        byte[] bytes = serde.serializer().serialize("t", new SymbolDelisting("ACME", DELISTED, "nasdaq", RECEIVED));

        assertThatThrownBy(() -> serde.deserializer().deserialize("price-history", Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("price-history");
    }

    /** The layout of format 2 as {@code HistoryRecordSerde} wrote it before delisting existed (no delisted bit). */
    private static byte[] formatTwoBeforeDelisting(HistoryRecord record) {
        BinaryWriter out = new BinaryWriter();
        out.put((byte) 2);
        out.put((byte) (record.becameCurrent() ? 1 : 0));
        out.putLong(record.receivedAt().getEpochSecond());
        out.putInt(record.receivedAt().getNano());
        BinaryTick.write(out, record.tick());
        return out.toBytes();
    }

    private HistoryEvent roundTrip(HistoryEvent record) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", record));
    }

    /**
     * What {@code price-history} held before the binary form came in: the bytes that the JSON serde of the previous
     * version wrote for these two records.
     */
    private static byte[] earlierJson(String name) throws IOException {
        try (InputStream in = HistoryEventSerdeTest.class.getResourceAsStream("/history/json-before-binary/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }
}
