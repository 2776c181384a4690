package com.pricefeed.schemas.tick;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.pricefeed.schemas.tick.RejectReason.*;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published schema, {@code price-tick.schema.json}, judged on the parser's own fixtures ({@link TickParserTest}'s
 * table), so that the two cannot drift: every tick the parser accepts is valid under the schema, and every tick the
 * parser refuses for a rule the schema states is invalid under it too.
 */
class PriceTickSchemaTest {

    /** Rules no JSON Schema can state: the bytes beneath the JSON text, a comparison of two fields, the clock. */
    private static final Set<RejectReason> BEYOND_ANY_SCHEMA = EnumSet.of(NOT_JSON, LOW_ABOVE_HIGH, TIMESTAMP_IN_FUTURE,
            TIMESTAMP_BEYOND_RETENTION);

    /** Refusals the schema leaves to the parser, by fixture, with what the schema cannot say. */
    private static final Map<String, String> LEFT_TO_THE_PARSER = Map.ofEntries(
            entry("rejects a price that rounds to zero as PRICE_NOT_POSITIVE", "bounds apply after rounding"),
            entry("rejects a price that rounds up across the DECIMAL(15,4) boundary as PRICE_OUT_OF_RANGE", "bounds apply after rounding"),
            entry("rejects a price of 100000000000 (12 integer digits) as PRICE_OUT_OF_RANGE", "the size of a decimal string"),
            entry("rejects a high beyond DECIMAL(15,4) as OHLC_OUT_OF_RANGE", "the size of a decimal string"),
            entry("rejects a market cap of 10^18 as MARKET_CAP_OUT_OF_RANGE", "the size of a decimal string"),
            entry("rejects a market cap that rounds up across the DECIMAL(20,2) boundary as MARKET_CAP_OUT_OF_RANGE", "the size of a decimal string"),
            entry("rejects a negative market cap as MARKET_CAP_NEGATIVE", "a minus sign is allowed on zero, and -1 differs from -0 past the sign"),
            entry("rejects a price string with an exponent of more than 1000 as INVALID_NUMBER", "the size of an exponent"),
            entry("rejects a volume string one beyond BIGINT as VOLUME_OUT_OF_RANGE", "the size of a digit string"),
            entry("rejects epoch milliseconds beyond a 64-bit integer as INVALID_TIMESTAMP", "the size of a digit string"),
            entry("rejects a volume written with a fraction of zero as WRONG_TYPE", "JSON Schema counts 100.0 as an integer"),
            entry("rejects a timestamp before 1970 as INVALID_TIMESTAMP", "the instant depends on the offset"),
            entry("rejects an impossible date as INVALID_TIMESTAMP", "the calendar"),
            entry("rejects a JSON number whose exponent BigDecimal cannot hold as INVALID_NUMBER", "no JSON reader reads it exactly"),
            entry("rejects such a number in an unknown field, too (the whole value is read exactly) as INVALID_NUMBER",
                    "no JSON reader reads it exactly"),
            entry("rejects a company name with an unpaired surrogate as COMPANY_NAME_INVALID", "it is not a Unicode string"));

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Schema SCHEMA = load("/schemas/price-tick.schema.json");

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void shouldFindEveryTickTheParserAcceptsValid(TickParserTest.Case accepted) throws IOException {
        assertThat(errors(accepted)).as("schema errors").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedForARuleTheSchemaStates")
    void shouldFindEveryTickTheParserRefusesForARuleItStatesInvalid(TickParserTest.Case refused) throws IOException {
        assertThat(errors(refused)).as("schema errors").isNotEmpty();
    }

    @Test
    void shouldNameOnlyFixturesThatExistAmongThoseLeftToTheParser() {
        Set<String> refused = TickParserTest.cases().filter(c -> c.reason() != null).map(TickParserTest.Case::name)
                .collect(Collectors.toSet());

        assertThat(refused).containsAll(LEFT_TO_THE_PARSER.keySet());
    }

    @Test
    void shouldAcceptItsOwnExamples() {
        SCHEMA.getSchemaNode().get("examples").forEach(example ->
                assertThat(SCHEMA.validate(example)).as(example.toString()).isEmpty());
    }

    static Stream<TickParserTest.Case> accepted() {
        return TickParserTest.cases().filter(c -> c.reason() == null);
    }

    static Stream<TickParserTest.Case> refusedForARuleTheSchemaStates() {
        return TickParserTest.cases().filter(c -> c.reason() != null)
                .filter(c -> !BEYOND_ANY_SCHEMA.contains(c.reason()))
                .filter(c -> !LEFT_TO_THE_PARSER.containsKey(c.name()));
    }

    private static List<String> errors(TickParserTest.Case c) throws IOException {
        return SCHEMA.validate(JSON.readTree(c.input())).stream().map(Error::toString).toList();
    }

    private static Schema load(String resource) {
        SchemaRegistryConfig assertFormats = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = PriceTickSchemaTest.class.getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    registry -> registry.schemaRegistryConfig(assertFormats)).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
