package com.pricefeed.sink.history;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The binary numeric encoding, read back by an independent decoder of PostgreSQL's wire format. */
class NumericEncodingTest {

    @Property(tries = 2000)
    void shouldEncodeEveryDecimalExactlyWithItsScale(@ForAll long unscaled, @ForAll @IntRange(min = -6, max = 12) int scale) throws IOException {
        BigDecimal value = BigDecimal.valueOf(unscaled, scale);

        assertThat(roundTrip(value)).isEqualTo(value.setScale(Math.max(0, scale)));
    }

    @Property(tries = 500)
    void shouldEncodeDecimalsBeyondALongExactly(@ForAll long high, @ForAll long low, @ForAll @IntRange(min = 0, max = 8) int scale) throws IOException {
        BigDecimal value = new BigDecimal(BigInteger.valueOf(high).shiftLeft(64).add(BigInteger.valueOf(low)), scale);

        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Test
    void shouldEncodeTheEdgesOfTheLongPath() throws IOException {
        for (String text : new String[] {"0", "0.0000", "-0.0001", "99999999999.9999", "999999999999999999",
                "9999999999999999.99", "99999999999999999.9", "1E+17", "1E+18", "-9223372036854775808", "0.00000001"}) {
            BigDecimal value = new BigDecimal(text);
            assertThat(roundTrip(value)).as(text).isEqualTo(value.setScale(Math.max(0, value.scale())));
        }
    }

    private static BigDecimal roundTrip(BigDecimal value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer(bytes, 1 << 10);
        CopyHistoryWriter.numeric(out, value);
        out.flush();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        int length = in.readInt();
        int ndigits = in.readShort();
        int weight = in.readShort();
        int sign = in.readShort();
        int displayScale = in.readShort();
        assertThat(length).isEqualTo(8 + 2 * ndigits);
        BigDecimal decoded = BigDecimal.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int digit = in.readShort();
            assertThat(digit).isBetween(0, 9999);
            if (i == 0 || i == ndigits - 1) {
                assertThat(digit).as("no leading or trailing zero digit").isNotZero();
            }
            decoded = decoded.add(BigDecimal.valueOf(digit).scaleByPowerOfTen(4 * (weight - i)));
        }
        assertThat(in.available()).isZero();
        return (sign == 0x4000 ? decoded.negate() : decoded).setScale(displayScale);
    }
}
