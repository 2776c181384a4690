package com.pricefeed.processor.state;

import com.pricefeed.processor.master.SymbolState;
import com.pricefeed.processor.ticks.SymbolInput;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.Delisting;
import com.pricefeed.schemas.tick.PriceTick;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forms delisting added to the processor's store and internal topic, and that they still read what was there. */
class SymbolStateSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:30:00.123456Z");
    private static final Instant DELISTED = Instant.parse("2026-12-06T12:00:00.000001Z");
    private static final PriceTick FULL = new PriceTick("BRK.A", new BigDecimal("712345.6789"), AT, "polygon",
            Long.MAX_VALUE, new BigDecimal("700000.10"), new BigDecimal("720000"), new BigDecimal("0.0001"),
            new BigDecimal("699999.9999"), "Berkshire Hathaway Inc. — Class A \uD83D\uDCC8",
            new BigDecimal("999999999999999999.99"));
    private static final MasterRecord MASTER = MasterRecord.of(FULL, null);

    private final SymbolStateSerde states = SymbolStateSerde.instance();
    private final SymbolInputSerde inputs = SymbolInputSerde.instance();

    @Test
    void shouldReadTheMasterStoreBytesOfEarlierVersionsAsAListedSymbol() throws IOException {
        byte[] binary = MasterRecordSerde.instance().serializer().serialize("s", MASTER);

        assertThat(states.deserializer().deserialize("s", binary)).isEqualTo(new SymbolState(MASTER, null));
        assertThat(states.deserializer().deserialize("s", earlierJson("master-full.json"))).isEqualTo(new SymbolState(MASTER, null));
    }

    @Test
    void shouldStoreAListedSymbolExactlyAsEarlierVersionsDid() {
        assertThat(states.serializer().serialize("s", SymbolState.listed(MASTER)))
                .isEqualTo(MasterRecordSerde.instance().serializer().serialize("s", MASTER));
    }

    @Test
    void shouldRoundTripADelistedSymbolWithAndWithoutALastPrice() {
        for (SymbolState state : new SymbolState[]{new SymbolState(MASTER, DELISTED), new SymbolState(null, DELISTED)}) {
            byte[] bytes = states.serializer().serialize("s", state);

            assertThat(bytes[0]).isEqualTo(SymbolStateSerde.DELISTED_FORMAT);
            assertThat(states.deserializer().deserialize("s", bytes)).isEqualTo(state);
        }
    }

    @Test
    void shouldRefuseATruncatedDelistedStateNamingTheTopic() {
        byte[] bytes = states.serializer().serialize("s", new SymbolState(MASTER, DELISTED));

        assertThatThrownBy(() -> states.deserializer().deserialize("master-changelog", Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("master-changelog");
        assertThat(states.serializer().serialize("s", null)).isNull();
        assertThat(states.deserializer().deserialize("s", null)).isNull();
    }

    @Test
    void shouldSendATickAcrossTicksBySymbolExactlyAsBeforeAndReadWhatEarlierVersionsLeftThere() throws IOException {
        byte[] tick = inputs.serializer().serialize("r", new SymbolInput.Tick(FULL));

        assertThat(tick).isEqualTo(TickSerde.instance().serializer().serialize("r", FULL));
        assertThat(inputs.deserializer().deserialize("r", tick)).isEqualTo(new SymbolInput.Tick(FULL));
        assertThat(inputs.deserializer().deserialize("r", earlierJson("tick-full.json"))).isEqualTo(new SymbolInput.Tick(FULL));
    }

    @Test
    void shouldRoundTripADelistingAcrossTicksBySymbol() {
        SymbolInput delist = new SymbolInput.Delist(new Delisting("ACME", DELISTED, "nasdaq"));

        byte[] bytes = inputs.serializer().serialize("r", delist);

        assertThat(bytes[0]).isEqualTo(SymbolInputSerde.DELISTING_FORMAT);
        assertThat(inputs.deserializer().deserialize("r", bytes)).isEqualTo(delist);
        assertThatThrownBy(() -> inputs.deserializer().deserialize("r", Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class);
    }

    private static byte[] earlierJson(String name) throws IOException {
        try (InputStream in = SymbolStateSerdeTest.class.getResourceAsStream("/state/json-before-binary/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }
}
