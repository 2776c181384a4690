package com.pricefeed.schemas.tick;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written scans accept exactly what their patterns match. */
class NumberSyntaxTest {

    private static final Pattern DECIMAL = Pattern.compile(NumberSyntax.DECIMAL);
    private static final Pattern WHOLE_NUMBER = Pattern.compile(NumberSyntax.WHOLE_NUMBER);
    private static final Pattern EPOCH_MILLIS = Pattern.compile(NumberSyntax.EPOCH_MILLIS);

    @Property(tries = 20_000)
    void decimalScanAcceptsWhatThePatternMatches(@ForAll("numberLike") String text) {
        assertThat(NumberSyntax.isDecimal(text)).as(text).isEqualTo(DECIMAL.matcher(text).matches());
    }

    @Property(tries = 20_000)
    void wholeNumberScanAcceptsWhatThePatternMatches(@ForAll("numberLike") String text) {
        assertThat(NumberSyntax.isWholeNumber(text)).as(text).isEqualTo(WHOLE_NUMBER.matcher(text).matches());
    }

    @Property(tries = 20_000)
    void epochMillisScanAcceptsWhatThePatternMatches(@ForAll("numberLike") String text) {
        assertThat(NumberSyntax.isEpochMillis(text)).as(text).isEqualTo(EPOCH_MILLIS.matcher(text).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "12.3400", "-1", "+1.5", "5.", ".5", "1e5", "1.5E-3", "-.5e+10", "00012"})
    void decimalsAreAccepted(String text) {
        assertThat(NumberSyntax.isDecimal(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "+", "-", "e5", "1e", "1e+", "1.2.3", "1,5", "abc", "1 ", " 1", "1e5.5", "٣", "1\n",
            "0x10", "Infinity", "NaN", "--1", "+-1"})
    void nonDecimalsAreRefused(String text) {
        assertThat(NumberSyntax.isDecimal(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1764000000000", "-1", "9999999999999999999"})
    void epochMillisAreAccepted(String text) {
        assertThat(NumberSyntax.isEpochMillis(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "1.0", "12345678901234567890", "1e3", "2026-11-24T14:30:00Z"})
    void nonEpochMillisAreRefused(String text) {
        assertThat(NumberSyntax.isEpochMillis(text)).isFalse();
    }

    @Provide
    Arbitrary<String> numberLike() {
        return Arbitraries.strings().withChars("0123456789+-.eE x٣").ofMinLength(0).ofMaxLength(24)
                .edgeCases(edges -> edges.add("9999999999999999999"));
    }
}
