package com.pricefeed.schemas.tick;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.pricefeed.schemas.tick.RejectReason.*;
import static com.pricefeed.schemas.tick.TickParserTest.TickJson.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every rule of the tick contract, one borderline or malformed input per row. */
class TickParserTest {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final Duration SKEW = Duration.ofMinutes(5);
    static final String BASE_TIME = "2026-11-24T14:30:00.123Z";

    static final Duration RETENTION = Duration.ofDays(3650);
    private final TickParser parser = new TickParser(Clock.fixed(NOW, ZoneOffset.UTC), SKEW, RETENTION);

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAccordingToTheContract(Case c) {
        ParseResult result = parser.parse(c.input());

        if (c.reason() != null) {
            assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class, rejected -> {
                assertThat(rejected.reason()).isEqualTo(c.reason());
                assertThat(rejected.message()).isNotBlank();
            });
        } else if (c.delisting() != null) {
            assertThat(result).isEqualTo(new ParseResult.Lifecycle(c.delisting()));
        } else {
            assertThat(result).isEqualTo(new ParseResult.Accepted(c.tick(), c.rounded()));
        }
    }

    @Test
    void everyReasonCodeHasAtLeastOneCase() {
        Set<RejectReason> covered = cases().map(Case::reason).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));

        assertThat(covered).containsExactlyInAnyOrder(RejectReason.values());
    }

    @Test
    void refusesANegativeSkew() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TickParser(Clock.systemUTC(), Duration.ofSeconds(-1)));
    }

    static Stream<Case> cases() {
        return Stream.of(envelope(), requiredFields(), symbols(), providers(), prices(), ohlc(), volumes(),
                timestamps(), companyNames(), marketCaps(), lifecycle()).flatMap(List::stream);
    }

    private static List<Case> envelope() {
        return List.of(
                rejects("an empty value", new byte[0], NOT_JSON),
                rejects("a null value (tombstone)", (byte[]) null, NOT_JSON),
                rejects("a value of only white space", " \n\t ".getBytes(StandardCharsets.UTF_8), NOT_JSON),
                rejects("plain text", utf8("hello"), NOT_JSON),
                rejects("a truncated object", utf8("{\"symbol\":\"AAPL\",\"price\":"), NOT_JSON),
                rejects("an invalid UTF-8 byte inside a string", bytes(aTick().raw("company_name", "\"Apple"), 0xFF, "\"}"), NOT_JSON),
                rejects("an invalid UTF-8 byte inside an unknown field", bytes(aTick().raw("note", "\"x"), 0xC3, "\"}"), NOT_JSON),
                rejects("an overlong UTF-8 encoding of NUL", bytes(aTick().raw("company_name", "\"A"), 0xC0, 0x80, "\"}"), NOT_JSON),
                rejects("a UTF-8 encoded surrogate", bytes(aTick().raw("company_name", "\"A"), 0xED, 0xA0, 0x80, "\"}"), NOT_JSON),
                rejects("a valid tick encoded as UTF-16", aTick().json().getBytes(StandardCharsets.UTF_16BE), NOT_JSON),
                accepts("a valid tick after a UTF-8 byte order mark", withBom(aTick().bytes()), t -> t),
                rejects("trailing garbage after the object", utf8(aTick().json() + " garbage"), NOT_JSON),
                rejects("a second object after the first", utf8(aTick().json() + aTick().json()), NOT_JSON),
                rejects("a duplicated key, even when both values are valid", aTick().duplicate("price", "\"1.00\""), NOT_JSON),
                rejects("a duplicated key hiding a negative price", aTick().duplicate("price", "\"-1\""), NOT_JSON),
                rejects("a JSON array", utf8("[" + aTick().json() + "]"), NOT_AN_OBJECT),
                rejects("a JSON string", utf8("\"AAPL 189.23\""), NOT_AN_OBJECT),
                rejects("a JSON number", utf8("189.23"), NOT_AN_OBJECT),
                rejects("JSON null", utf8("null"), NOT_AN_OBJECT),
                rejects("nesting deeper than 1000 levels", utf8("[".repeat(1001) + "]".repeat(1001)), NOT_JSON),
                accepts("unknown fields, even nested, are ignored",
                        aTick().raw("exchange", "\"XNAS\"").raw("meta", "{\"a\":[1,2,{\"b\":null}]}"), t -> t));
    }

    private static List<Case> requiredFields() {
        return List.of(
                rejects("a missing symbol", aTick().without("symbol"), MISSING_FIELD),
                rejects("a null price", aTick().raw("price", "null"), MISSING_FIELD),
                rejects("a missing source_timestamp", aTick().without("source_timestamp"), MISSING_FIELD),
                rejects("a missing provider", aTick().without("provider"), MISSING_FIELD),
                rejects("an empty object", utf8("{}"), MISSING_FIELD));
    }

    private static List<Case> symbols() {
        return List.of(
                accepts("a padded lower-case symbol is trimmed and upper-cased", aTick().text("symbol", " aapl "), t -> t.symbol("AAPL")),
                accepts("a symbol with a class dot", aTick().text("symbol", "BRK.B"), t -> t.symbol("BRK.B")),
                accepts("a currency pair symbol with =", aTick().text("symbol", "eurusd=x"), t -> t.symbol("EURUSD=X")),
                accepts("a symbol with - and ^ after the first character", aTick().text("symbol", "A-B^C"), t -> t.symbol("A-B^C")),
                rejects("an index symbol starting with ^ (the pattern's first character is [A-Z0-9])", aTick().text("symbol", "^GSPC"), INVALID_SYMBOL),
                accepts("a symbol of 10 characters", aTick().text("symbol", "ABCDEFGHIJ"), t -> t.symbol("ABCDEFGHIJ")),
                rejects("a symbol of 11 characters", aTick().text("symbol", "ABCDEFGHIJK"), INVALID_SYMBOL),
                rejects("an empty symbol", aTick().text("symbol", ""), INVALID_SYMBOL),
                rejects("a blank symbol", aTick().text("symbol", "   "), INVALID_SYMBOL),
                rejects("a symbol with an inner space", aTick().text("symbol", "AA PL"), INVALID_SYMBOL),
                rejects("a symbol with a non-ASCII letter", aTick().text("symbol", "ÄAPL"), INVALID_SYMBOL),
                rejects("a symbol whose upper case is ASCII only by Unicode case mapping (ß -> SS)", aTick().text("symbol", "aßb"), INVALID_SYMBOL),
                rejects("a symbol with a dotless i (ı -> I)", aTick().text("symbol", "ıbm"), INVALID_SYMBOL),
                rejects("a symbol that is a number", aTick().raw("symbol", "1234"), WRONG_TYPE));
    }

    private static List<Case> providers() {
        return List.of(
                accepts("a padded upper-case provider is trimmed and lower-cased", aTick().text("provider", " Polygon "), t -> t.provider("polygon")),
                accepts("a provider with _ and -", aTick().text("provider", "ALPACA_us-2"), t -> t.provider("alpaca_us-2")),
                accepts("a provider of 50 characters", aTick().text("provider", "p".repeat(50)), t -> t.provider("p".repeat(50))),
                rejects("a provider of 51 characters", aTick().text("provider", "p".repeat(51)), INVALID_PROVIDER),
                rejects("a provider starting with -", aTick().text("provider", "-polygon"), INVALID_PROVIDER),
                rejects("a provider with a dot", aTick().text("provider", "poly.gon"), INVALID_PROVIDER),
                rejects("a provider with the Kelvin sign, which lower-cases to k", aTick().text("provider", "\u212Araken"), INVALID_PROVIDER),
                rejects("a provider that is an object", aTick().raw("provider", "{}"), WRONG_TYPE));
    }

    private static List<Case> prices() {
        return List.of(
                accepts("a price string keeps four decimal places", aTick(), t -> t),
                accepts("a price as a JSON number is read exactly", aTick().raw("price", "189.23"), t -> t.price("189.2300")),
                accepts("a price of 0.1 as a JSON number is not a binary float", aTick().raw("price", "0.1"), t -> t.price("0.1000")),
                accepts("a price with trailing zeros beyond four places is not rounded", aTick().text("price", "189.230000"), t -> t.price("189.2300")),
                accepts("a price with an exponent", aTick().text("price", "1.5e2"), t -> t.price("150.0000")),
                accepts("a price with surrounding blanks in the string", aTick().text("price", " 7.25 "), t -> t.price("7.2500")),
                accepts("a price of 189.23000000001 is rounded to 189.2300", aTick().raw("price", "189.23000000001"), t -> t.price("189.2300"), "price"),
                accepts("a price half-way rounds to the even neighbour, down", aTick().text("price", "1.00005"), t -> t.price("1.0000"), "price"),
                accepts("a price half-way rounds to the even neighbour, up", aTick().text("price", "1.00015"), t -> t.price("1.0002"), "price"),
                accepts("the smallest price after rounding", aTick().text("price", "0.00006"), t -> t.price("0.0001"), "price"),
                accepts("the largest DECIMAL(15,4) price", aTick().text("price", "99999999999.9999"), t -> t.price("99999999999.9999")),
                rejects("a zero price", aTick().text("price", "0"), PRICE_NOT_POSITIVE),
                rejects("a negative zero price as a JSON number", aTick().raw("price", "-0"), PRICE_NOT_POSITIVE),
                rejects("a negative price", aTick().text("price", "-1.5"), PRICE_NOT_POSITIVE),
                rejects("a price that rounds to zero", aTick().text("price", "0.00005"), PRICE_NOT_POSITIVE),
                rejects("a price of 100000000000 (12 integer digits)", aTick().text("price", "100000000000"), PRICE_OUT_OF_RANGE),
                rejects("a price that rounds up across the DECIMAL(15,4) boundary", aTick().text("price", "99999999999.99995"), PRICE_OUT_OF_RANGE),
                rejects("a price of 1e400 as a JSON number", aTick().raw("price", "1e400"), PRICE_OUT_OF_RANGE),
                rejects("a JSON number whose exponent BigDecimal cannot hold", aTick().raw("price", "1e99999999999"), INVALID_NUMBER),
                rejects("such a number in an unknown field, too (the whole value is read exactly)", aTick().raw("note", "1e-99999999999"), INVALID_NUMBER),
                rejects("a price string with an exponent of more than 1000", aTick().text("price", "1e1001"), INVALID_NUMBER),
                rejects("a price that is not a number", aTick().text("price", "abc"), INVALID_NUMBER),
                rejects("a price of NaN", aTick().text("price", "NaN"), INVALID_NUMBER),
                rejects("a price of Infinity", aTick().text("price", "Infinity"), INVALID_NUMBER),
                rejects("an empty price string", aTick().text("price", ""), INVALID_NUMBER),
                rejects("a price in full-width digits", aTick().text("price", "１２３"), INVALID_NUMBER),
                rejects("a price with a thousands separator", aTick().text("price", "1,234.50"), INVALID_NUMBER),
                rejects("a price that is an object", aTick().raw("price", "{\"amount\":\"1\"}"), WRONG_TYPE),
                rejects("a price that is a boolean", aTick().raw("price", "true"), WRONG_TYPE));
    }

    private static List<Case> ohlc() {
        return List.of(
                accepts("open, high, low and previous close are scaled to four places",
                        aTick().text("open_price", "188.1").raw("high_price", "190").text("low_price", "187.95").raw("previous_close", "187.44"),
                        t -> t.ohlc("188.1000", "190.0000", "187.9500", "187.4400")),
                accepts("low equal to high", aTick().text("high_price", "5").text("low_price", "5.0000"), t -> t.high("5.0000").low("5.0000")),
                accepts("null OHLC fields are absent", aTick().raw("open_price", "null").raw("high_price", "null"), t -> t),
                accepts("each rounded field is reported, in field order",
                        aTick().text("price", "1.23456").text("high_price", "2.00001").text("market_cap", "10.005"),
                        t -> t.price("1.2346").high("2.0000").marketCap("10.00"), "price", "high_price", "market_cap"),
                rejects("low above high", aTick().text("high_price", "190.00").text("low_price", "190.0001"), LOW_ABOVE_HIGH),
                rejects("a zero open", aTick().text("open_price", "0"), OHLC_NOT_POSITIVE),
                rejects("a negative previous close", aTick().raw("previous_close", "-187.44"), OHLC_NOT_POSITIVE),
                rejects("a high beyond DECIMAL(15,4)", aTick().text("high_price", "100000000000"), OHLC_OUT_OF_RANGE),
                rejects("a low that is not a number", aTick().text("low_price", "low"), INVALID_NUMBER),
                rejects("an open that is an array", aTick().raw("open_price", "[1]"), WRONG_TYPE));
    }

    private static List<Case> volumes() {
        return List.of(
                accepts("the largest BIGINT volume", aTick().raw("volume", "9223372036854775807"), t -> t.volume(Long.MAX_VALUE)),
                accepts("a volume as a digit string", aTick().text("volume", "42"), t -> t.volume(42L)),
                accepts("a zero volume", aTick().raw("volume", "0"), t -> t.volume(0L)),
                accepts("an absent volume", aTick().without("volume"), t -> t.volume(null)),
                accepts("a null volume", aTick().raw("volume", "null"), t -> t.volume(null)),
                accepts("a volume string with surrounding blanks", aTick().text("volume", " 42 "), t -> t.volume(42L)),
                rejects("a volume one beyond BIGINT", aTick().raw("volume", "9223372036854775808"), VOLUME_OUT_OF_RANGE),
                rejects("a volume string one beyond BIGINT", aTick().text("volume", "9223372036854775808"), VOLUME_OUT_OF_RANGE),
                rejects("a negative volume", aTick().raw("volume", "-1"), VOLUME_NEGATIVE),
                rejects("a negative volume string", aTick().text("volume", "-5"), VOLUME_NEGATIVE),
                rejects("a fractional volume", aTick().raw("volume", "1.5"), WRONG_TYPE),
                rejects("a volume written with a fraction of zero", aTick().raw("volume", "100.0"), WRONG_TYPE),
                rejects("a volume string with letters", aTick().text("volume", "12k"), WRONG_TYPE));
    }

    private static List<Case> timestamps() {
        Instant base = Instant.parse(BASE_TIME);
        return List.of(
                accepts("an ISO timestamp in UTC", aTick(), t -> t),
                accepts("an ISO timestamp with nanoseconds is truncated to the microsecond, as timestamptz stores it",
                        aTick().text("source_timestamp", "2026-11-24T14:30:00.123456789Z"),
                        t -> t.at(Instant.parse("2026-11-24T14:30:00.123456Z"))),
                accepts("an ISO timestamp with a +02:00 offset", aTick().text("source_timestamp", "2026-11-24T16:30:00.123+02:00"), t -> t),
                accepts("an ISO timestamp with a -05:00 offset", aTick().text("source_timestamp", "2026-11-24T09:30:00.123-05:00"), t -> t),
                accepts("an ISO timestamp without seconds", aTick().text("source_timestamp", "2026-11-24T14:30Z"),
                        t -> t.at(Instant.parse("2026-11-24T14:30:00Z"))),
                accepts("an ISO timestamp with surrounding blanks", aTick().text("source_timestamp", " " + BASE_TIME + " "), t -> t),
                accepts("epoch milliseconds as a JSON number", aTick().raw("source_timestamp", Long.toString(base.toEpochMilli())), t -> t),
                accepts("epoch milliseconds as a digit string", aTick().text("source_timestamp", Long.toString(base.toEpochMilli())), t -> t),
                accepts("a timestamp exactly at now plus the skew", aTick().text("source_timestamp", NOW.plus(SKEW).toString()), t -> t.at(NOW.plus(SKEW))),
                rejects("a timestamp one millisecond beyond the skew", aTick().text("source_timestamp", NOW.plus(SKEW).plusMillis(1).toString()), TIMESTAMP_IN_FUTURE),
                rejects("epoch milliseconds beyond the skew", aTick().raw("source_timestamp", Long.toString(NOW.plus(SKEW).toEpochMilli() + 1)), TIMESTAMP_IN_FUTURE),
                rejects("the largest epoch milliseconds", aTick().raw("source_timestamp", Long.toString(Long.MAX_VALUE)), TIMESTAMP_IN_FUTURE),
                accepts("a timestamp exactly at the retention horizon", aTick().text("source_timestamp", NOW.minus(RETENTION).toString()),
                        t -> t.at(NOW.minus(RETENTION))),
                rejects("a timestamp one millisecond older than the retention", aTick().text("source_timestamp",
                        NOW.minus(RETENTION).minusMillis(1).toString()), TIMESTAMP_BEYOND_RETENTION),
                rejects("an ISO timestamp without an offset", aTick().text("source_timestamp", "2026-11-24T14:30:00.123"), INVALID_TIMESTAMP),
                rejects("a date without a time", aTick().text("source_timestamp", "2026-11-24"), INVALID_TIMESTAMP),
                rejects("a timestamp in words", aTick().text("source_timestamp", "yesterday"), INVALID_TIMESTAMP),
                rejects("a timestamp before 1970", aTick().text("source_timestamp", "1969-12-31T23:59:59Z"), INVALID_TIMESTAMP),
                rejects("negative epoch milliseconds", aTick().raw("source_timestamp", "-1"), INVALID_TIMESTAMP),
                rejects("epoch milliseconds beyond a 64-bit integer", aTick().text("source_timestamp", "9999999999999999999"), INVALID_TIMESTAMP),
                rejects("an impossible date", aTick().text("source_timestamp", "2026-02-30T00:00:00Z"), INVALID_TIMESTAMP),
                rejects("fractional epoch seconds", aTick().raw("source_timestamp", "1795962600.123"), WRONG_TYPE),
                rejects("a timestamp that is a boolean", aTick().raw("source_timestamp", "false"), WRONG_TYPE));
    }

    private static List<Case> companyNames() {
        return List.of(
                accepts("a company name is trimmed", aTick().text("company_name", "  Apple Inc. "), t -> t.companyName("Apple Inc.")),
                accepts("a company name of 200 characters", aTick().text("company_name", "A".repeat(200)), t -> t.companyName("A".repeat(200))),
                accepts("a company name of 200 code points outside the BMP (400 UTF-16 units)",
                        aTick().text("company_name", "\uD83D\uDE00".repeat(200)), t -> t.companyName("\uD83D\uDE00".repeat(200))),
                accepts("a company name of 200 characters padded with blanks", aTick().text("company_name", " " + "B".repeat(200) + " "),
                        t -> t.companyName("B".repeat(200))),
                accepts("a blank company name counts as absent", aTick().text("company_name", "   "), t -> t.companyName(null)),
                accepts("a company name in another script", aTick().text("company_name", "トヨタ自動車"), t -> t.companyName("トヨタ自動車")),
                rejects("a company name of 201 characters", aTick().text("company_name", "A".repeat(201)), COMPANY_NAME_TOO_LONG),
                rejects("a company name with a NUL character", aTick().raw("company_name", "\"Apple\\u0000Inc.\""), COMPANY_NAME_INVALID),
                rejects("a company name with an unpaired surrogate", aTick().raw("company_name", "\"Apple\\ud800\""), COMPANY_NAME_INVALID),
                rejects("a company name with a line break", aTick().raw("company_name", "\"Apple\\nInc.\""), COMPANY_NAME_INVALID),
                rejects("a company name that is a number", aTick().raw("company_name", "42"), WRONG_TYPE));
    }

    private static List<Case> marketCaps() {
        return List.of(
                accepts("a market cap is scaled to two places", aTick().text("market_cap", "2950000000000"), t -> t.marketCap("2950000000000.00")),
                accepts("a market cap of zero", aTick().raw("market_cap", "0"), t -> t.marketCap("0.00")),
                accepts("the largest DECIMAL(20,2) market cap", aTick().text("market_cap", "999999999999999999.99"), t -> t.marketCap("999999999999999999.99")),
                accepts("a market cap half-way rounds to even", aTick().text("market_cap", "2950000000000.005"), t -> t.marketCap("2950000000000.00"), "market_cap"),
                rejects("a market cap of 10^18", aTick().text("market_cap", "1000000000000000000"), MARKET_CAP_OUT_OF_RANGE),
                rejects("a market cap that rounds up across the DECIMAL(20,2) boundary", aTick().text("market_cap", "999999999999999999.995"), MARKET_CAP_OUT_OF_RANGE),
                accepts("a market cap of negative zero", aTick().text("market_cap", "-0"), t -> t.marketCap("0.00")),
                rejects("a negative market cap", aTick().text("market_cap", "-1"), MARKET_CAP_NEGATIVE),
                rejects("a negative market cap as a JSON number", aTick().raw("market_cap", "-0.001"), MARKET_CAP_NEGATIVE),
                rejects("a market cap that is not a number", aTick().text("market_cap", "3T"), INVALID_NUMBER));
    }

    private static List<Case> lifecycle() {
        Instant at = Instant.parse(BASE_TIME);
        return List.of(
                delists("a delisting with symbol, source_timestamp and provider", aDelisting(), new Delisting("ACME", at, "nasdaq")),
                delists("a delisting normalized like a tick (symbol, provider, microseconds, epoch milliseconds)",
                        aDelisting().text("symbol", " acme ").text("provider", " NASDAQ ").raw("source_timestamp", Long.toString(at.toEpochMilli())),
                        new Delisting("ACME", at, "nasdaq")),
                delists("a delisting with unknown fields", aDelisting().text("reason", "merger"), new Delisting("ACME", at, "nasdaq")),
                accepts("a tick whose event is null", aTick().raw("event", "null"), t -> t),
                rejects("an event other than delisted", aDelisting().text("event", "listed"), UNKNOWN_EVENT),
                rejects("an event in capitals", aDelisting().text("event", "DELISTED"), UNKNOWN_EVENT),
                rejects("an event that is not a string", aDelisting().raw("event", "1"), UNKNOWN_EVENT),
                rejects("an event on a tick", aTick().text("event", "halted"), UNKNOWN_EVENT),
                rejects("a delisting with a price", aDelisting().text("price", "1.00"), INVALID_LIFECYCLE_RECORD),
                rejects("a delisting with a volume", aDelisting().raw("volume", "0"), INVALID_LIFECYCLE_RECORD),
                rejects("a delisting with a company name", aDelisting().text("company_name", "Acme"), INVALID_LIFECYCLE_RECORD),
                rejects("a delisting with a price that is null", aDelisting().raw("price", "null"), INVALID_LIFECYCLE_RECORD),
                rejects("a tick with event delisted", aTick().text("event", "delisted"), INVALID_LIFECYCLE_RECORD),
                rejects("a delisting without a symbol", aDelisting().without("symbol"), MISSING_FIELD),
                rejects("a delisting without a provider", aDelisting().without("provider"), MISSING_FIELD),
                rejects("a delisting without a source_timestamp", aDelisting().without("source_timestamp"), MISSING_FIELD),
                rejects("a delisting of an invalid symbol", aDelisting().text("symbol", "^ACME"), INVALID_SYMBOL),
                rejects("a delisting of an invalid provider", aDelisting().text("provider", "nas daq"), INVALID_PROVIDER),
                rejects("a delisting in the future beyond the skew", aDelisting().text("source_timestamp", NOW.plus(SKEW).plusSeconds(1).toString()),
                        TIMESTAMP_IN_FUTURE),
                rejects("a delisting older than the retention", aDelisting().text("source_timestamp", NOW.minus(RETENTION).minusSeconds(1).toString()),
                        TIMESTAMP_BEYOND_RETENTION));
    }

    private static TickJson aDelisting() {
        return new TickJson().text("symbol", "ACME").text("event", "delisted").text("source_timestamp", BASE_TIME)
                .text("provider", "nasdaq");
    }

    // ---- the table's vocabulary

    /** One row: rejected for {@code reason}, or accepted as {@code tick} or as {@code delisting}. */
    record Case(String name, byte[] input, RejectReason reason, PriceTick tick, List<String> rounded, Delisting delisting) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case rejects(String input, TickJson tick, RejectReason reason) {
        return rejects(input, tick.bytes(), reason);
    }

    private static Case rejects(String input, byte[] value, RejectReason reason) {
        return new Case("rejects " + input + " as " + reason, value, reason, null, List.of(), null);
    }

    private static Case accepts(String input, TickJson tick, UnaryOperator<Expected> expected, String... rounded) {
        return accepts(input, tick.bytes(), expected, rounded);
    }

    private static Case accepts(String input, byte[] value, UnaryOperator<Expected> expected, String... rounded) {
        String name = "accepts " + input + (rounded.length == 0 ? "" : ", reporting " + String.join(", ", rounded) + " as rounded");
        return new Case(name, value, null, expected.apply(new Expected()).tick(), List.of(rounded), null);
    }

    private static Case delists(String input, TickJson record, Delisting expected) {
        return new Case("accepts " + input + " as a lifecycle record", record.bytes(), null, null, List.of(), expected);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBom(byte[] value) {
        byte[] result = new byte[value.length + 3];
        result[0] = (byte) 0xEF;
        result[1] = (byte) 0xBB;
        result[2] = (byte) 0xBF;
        System.arraycopy(value, 0, result, 3, value.length);
        return result;
    }

    /** The tick's JSON without its closing {@code "}"}, then raw bytes and text: for encodings JSON text cannot show. */
    private static byte[] bytes(TickJson open, Object... tail) {
        String json = open.json();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(json.substring(0, json.length() - 1)));
        for (Object part : tail) {
            if (part instanceof Integer raw) {
                out.write(raw);
            } else {
                out.writeBytes(utf8((String) part));
            }
        }
        return out.toByteArray();
    }

    /** Publisher JSON for a test row: starts valid, each call replaces one field; field order is kept. */
    static final class TickJson {
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();

        static TickJson aTick() {
            return new TickJson()
                    .text("symbol", "AAPL")
                    .text("price", "189.2300")
                    .text("source_timestamp", BASE_TIME)
                    .text("provider", "polygon")
                    .raw("volume", "51234567");
        }

        TickJson text(String field, String value) {
            return raw(field, '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"');
        }

        TickJson raw(String field, String json) {
            without(field);
            fields.add(Map.entry(field, json));
            return this;
        }

        TickJson duplicate(String field, String json) {
            fields.add(Map.entry(field, json));
            return this;
        }

        TickJson without(String field) {
            fields.removeIf(e -> e.getKey().equals(field));
            return this;
        }

        String json() {
            return fields.stream().map(e -> '"' + e.getKey() + "\":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }

        byte[] bytes() {
            return utf8(json());
        }
    }

    /** The normalized tick a row expects: the base tick of {@link TickJson#aTick()}, changed where the row says. */
    static final class Expected {
        private String symbol = "AAPL";
        private BigDecimal price = new BigDecimal("189.2300");
        private Instant at = Instant.parse(BASE_TIME);
        private String provider = "polygon";
        private Long volume = 51234567L;
        private BigDecimal open;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal previousClose;
        private String companyName;
        private BigDecimal marketCap;

        Expected symbol(String value) {
            symbol = value;
            return this;
        }

        Expected price(String value) {
            price = new BigDecimal(value);
            return this;
        }

        Expected at(Instant value) {
            at = value;
            return this;
        }

        Expected provider(String value) {
            provider = value;
            return this;
        }

        Expected volume(Long value) {
            volume = value;
            return this;
        }

        Expected ohlc(String open, String high, String low, String previousClose) {
            this.open = new BigDecimal(open);
            this.high = new BigDecimal(high);
            this.low = new BigDecimal(low);
            this.previousClose = new BigDecimal(previousClose);
            return this;
        }

        Expected high(String value) {
            high = new BigDecimal(value);
            return this;
        }

        Expected low(String value) {
            low = new BigDecimal(value);
            return this;
        }

        Expected companyName(String value) {
            companyName = value;
            return this;
        }

        Expected marketCap(String value) {
            marketCap = new BigDecimal(value);
            return this;
        }

        PriceTick tick() {
            return new PriceTick(symbol, price, at, provider, volume, open, high, low, previousClose, companyName, marketCap);
        }
    }
}
