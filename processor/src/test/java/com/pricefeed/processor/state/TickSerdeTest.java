package com.pricefeed.processor.state;

import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.PriceTick;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:30:00.123456Z");
    private static final PriceTick FULL = new PriceTick("BRK.A", new BigDecimal("712345.6789"), AT, "polygon",
            Long.MAX_VALUE, new BigDecimal("700000.10"), new BigDecimal("720000"), new BigDecimal("0.0001"),
            new BigDecimal("699999.9999"), "Berkshire Hathaway Inc. — Class A \uD83D\uDCC8",
            new BigDecimal("999999999999999999.99"));
    private static final PriceTick BARE = new PriceTick("X", new BigDecimal("1.5"), AT, "p", null, null, null, null,
            null, null, null);

    @Test
    void shouldRoundTripEveryFieldExactlyWithScalesKept() {
        PriceTick read = roundTrip(FULL);

        assertThat(read).isEqualTo(FULL);
        assertThat(read.marketCap().scale()).isEqualTo(2);
        assertThat(read.highPrice().scale()).isZero();
    }

    @Test
    void shouldRoundTripATickWithOnlyTheRequiredFields() {
        assertThat(roundTrip(BARE)).isEqualTo(BARE);
    }

    @Test
    void shouldKeepDecimalsBeyondSixtyFourBits() {
        PriceTick huge = new PriceTick("X", new BigDecimal("1.5"), AT, "p", null, null, null, null, null, null,
                new BigDecimal("-123456789012345678901234567890.12"));

        assertThat(roundTrip(huge).marketCap()).isEqualTo(huge.marketCap());
    }

    @Test
    void shouldBeMuchSmallerThanTheJson() throws Exception {
        byte[] binary = TickSerde.instance().serializer().serialize("t", FULL);
        byte[] json = Json.mapper().writeValueAsBytes(FULL);

        assertThat(binary.length).isLessThan(json.length * 2 / 3);
    }

    @Test
    void shouldReadTheJsonThatEarlierVersionsWrote() throws Exception {
        Deserializer<PriceTick> deserializer = TickSerde.instance().deserializer();

        assertThat(deserializer.deserialize("t", earlierJson("tick-full.json"))).isEqualTo(FULL);
        assertThat(deserializer.deserialize("t", earlierJson("tick-bare.json"))).isEqualTo(BARE);
    }

    @Test
    void shouldFailWithSerializationExceptionOnTruncatedOrUnknownBytes() {
        byte[] bytes = TickSerde.instance().serializer().serialize("t", FULL);

        assertThatThrownBy(() -> TickSerde.instance().deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("t");
        assertThatThrownBy(() -> TickSerde.instance().deserializer().deserialize("t", new byte[]{9, 0}))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldStoreMasterRecordsInTheSameFormAndReadTheirOldJson() throws Exception {
        MasterRecord master = MasterRecord.of(FULL, null);
        MasterRecordSerde serde = MasterRecordSerde.instance();

        assertThat(serde.deserializer().deserialize("s", serde.serializer().serialize("s", master))).isEqualTo(master);
        assertThat(serde.deserializer().deserialize("s", earlierJson("master-full.json"))).isEqualTo(master);
        assertThat(serde.serializer().serialize("s", null)).isNull();
        assertThat(serde.deserializer().deserialize("s", null)).isNull();
    }

    /**
     * What ticks-by-symbol and master-store held before the binary format came in (commit d51e2f3): the bytes that
     * the parent of that commit, with its {@code JsonSerde<PriceTick>} and {@code JsonSerde<MasterRecord>}, wrote
     * for {@link #FULL}, {@link #BARE} and {@code MasterRecord.of(FULL, null)}.
     */
    private static byte[] earlierJson(String name) throws IOException {
        try (InputStream in = TickSerdeTest.class.getResourceAsStream("/state/json-before-binary/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    private static PriceTick roundTrip(PriceTick tick) {
        TickSerde serde = TickSerde.instance();
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", tick));
    }
}
