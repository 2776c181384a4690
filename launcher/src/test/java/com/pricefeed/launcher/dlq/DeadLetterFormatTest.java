package com.pricefeed.launcher.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.schemas.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterFormatTest {

    private static final String NL = System.lineSeparator();
    private static final Instant AT = Instant.parse("2026-11-24T14:35:00.123Z");

    @Test
    void shouldPrintEveryPartOfADeadLetterOnItsOwnLine() {
        DeadLetter letter = new DeadLetter("price-ticks-dlq", 0, 12, AT, "PRICE_NOT_POSITIVE",
                "price must be positive, got -415.1000", "price-ticks", 1, 345L,
                utf8("MSFT"), utf8("{\"symbol\":\"MSFT\",\"price\":\"-415.10\"}"), null);

        assertThat(DeadLetterFormat.human(letter, 160)).isEqualTo(
                "price-ticks-dlq/0@12  2026-11-24T14:35:00.123Z  PRICE_NOT_POSITIVE" + NL
                        + "  message  price must be positive, got -415.1000" + NL
                        + "  source   price-ticks/1@345" + NL
                        + "  key      MSFT" + NL
                        + "  value    {\"symbol\":\"MSFT\",\"price\":\"-415.10\"}" + NL);
    }

    @Test
    void shouldShowBytesThatAreNotUtf8AsHex() {
        assertThat(Payload.of(new byte[]{(byte) 0xff, 0x00, 0x41}).shown(0)).isEqualTo("hex:ff0041");
        assertThat(Payload.of(new byte[]{(byte) 0xc3, (byte) 0xa9}).shown(0)).isEqualTo("é");
    }

    @Test
    void shouldCutLongValuesToTheWidthAndSayHowLongTheyWere() {
        assertThat(Payload.of(utf8("abcdefghij")).shown(4)).isEqualTo("abcd… (10 bytes)");
        assertThat(Payload.of(utf8("abcdefghij")).shown(10)).isEqualTo("abcdefghij");
        assertThat(Payload.of(utf8("abcdefghij")).shown(0)).isEqualTo("abcdefghij");
        assertThat(Payload.of(new byte[]{1, 2, 3, (byte) 0xff}).shown(6)).isEqualTo("hex:01… (4 bytes)");
    }

    @Test
    void shouldEscapeControlCharactersSoThatAValueCannotDriveTheTerminal() {
        assertThat(Payload.of(utf8("a\nb\tc\u001b[2Jd")).shown(0)).isEqualTo("a\\nb\\tc\\u001b[2Jd");
    }

    @Test
    void shouldSayWhatIsMissing() {
        DeadLetter letter = new DeadLetter("dlq", 2, 0, null, null, null, null, null, null, null, new byte[0], null);

        assertThat(DeadLetterFormat.human(letter, 160)).isEqualTo(
                "dlq/2@0  (no timestamp)  (no reason header)" + NL
                        + "  message  (none)" + NL
                        + "  source   (unknown)" + NL
                        + "  key      (none)" + NL
                        + "  value    " + NL);
    }

    @Test
    void shouldWriteOneJsonObjectWithEveryFieldInFull() throws Exception {
        DeadLetter letter = new DeadLetter("price-ticks-dlq", 0, 12, AT, "NOT_JSON", "the value is not valid UTF-8",
                "price-ticks", 1, 345L, null, new byte[]{(byte) 0xff, 0x0a}, null);

        String line = DeadLetterFormat.json(letter);

        assertThat(line).doesNotContain("\n");
        JsonNode json = Json.mapper().readTree(line);
        assertThat(json).isEqualTo(Json.mapper().readTree("""
                {"topic":"price-ticks-dlq","partition":0,"offset":12,"timestamp":"2026-11-24T14:35:00.123Z",
                 "reason":"NOT_JSON","message":"the value is not valid UTF-8",
                 "source_topic":"price-ticks","source_partition":1,"source_offset":345,
                 "key":null,"key_encoding":null,"value":"ff0a","value_encoding":"hex"}"""));
    }

    @Test
    void shouldSayWhyADeadLetterIsNotTheWholeRecordAndHowLargeItWas() throws Exception {
        DeadLetter letter = new DeadLetter("price-ticks-dlq", 0, 13, AT, "NOT_JSON", "the value is not valid JSON",
                "price-ticks", 1, 346L, utf8("AAPL"), utf8("xxxx"), new DeadLetter.Truncation("TOO_LARGE", 4L, 1_048_388L));

        assertThat(DeadLetterFormat.human(letter, 160)).contains(
                "  source   price-ticks/1@346" + NL + "  truncated  TOO_LARGE: the key had 4 bytes, the value 1048388" + NL);
        JsonNode json = Json.mapper().readTree(DeadLetterFormat.json(letter));
        assertThat(json.get("truncated").asText()).isEqualTo("TOO_LARGE");
        assertThat(json.get("original_key_size").asLong()).isEqualTo(4);
        assertThat(json.get("original_value_size").asLong()).isEqualTo(1_048_388);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
