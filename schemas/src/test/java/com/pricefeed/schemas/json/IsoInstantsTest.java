package com.pricefeed.schemas.json;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    @Property
    void shouldReadEveryCanonicalInstantAsTheFullParserDoes(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        String full = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond, nanos));
        String seconds = full.substring(0, 19);
        String fraction = fractionDigits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, fractionDigits);
        String text = seconds + fraction + "Z";

        assertThat(IsoInstants.parseCanonical(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void shouldReadTheFormThisSystemWrites() {
        assertThat(IsoInstants.parseCanonical("2026-11-24T14:30:00.123Z")).isEqualTo(Instant.parse("2026-11-24T14:30:00.123Z"));
        assertThat(IsoInstants.parseCanonical("2026-11-24T14:30:00Z")).isEqualTo(Instant.parse("2026-11-24T14:30:00Z"));
        assertThat(IsoInstants.parseCanonical("2024-02-29T23:59:59.999999999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
    }

    @Test
    void shouldLeaveEveryOtherFormToTheFullParser() {
        for (String other : new String[] {
                "2026-11-24T14:30:00.123+01:00", "2026-11-24T14:30:00.123", "2026-11-24 14:30:00Z", "2026-11-24T14:30Z",
                "+12026-11-24T14:30:00Z", "2026-11-24T14:30:00.Z", "2026-11-24T14:30:00.1234567890Z",
                "2026-13-24T14:30:00Z", "2026-02-30T14:30:00Z", "2025-02-29T00:00:00Z", "2026-11-24T24:00:00Z",
                "2026-11-24T14:60:00Z", "2026-11-24T14:30:60Z", "2026-11-2aT14:30:00Z", "2026-11-24T14:30:00,5Z",
                "2026-11-24t14:30:00Z", "2026-11-24T14:30:00z", "", "Z"}) {
            assertThat(IsoInstants.parseCanonical(other)).as(other).isNull();
        }
    }
}
