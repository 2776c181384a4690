package com.pricefeed.processor.dlq;

import com.pricefeed.processor.dlq.DeadLetters.SourceCoordinates;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.RejectReason;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.schemas.topic.DeadLetterTruncation;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private static final String DLQ = "price-ticks-dlq";
    private static final int LIMIT = 4_096;
    private static final SourceCoordinates SOURCE = new SourceCoordinates("price-ticks", 3, 42L);
    private static final ParseResult.Rejected NOT_JSON = new ParseResult.Rejected(RejectReason.NOT_JSON, "the value is not valid JSON");

    private final RefusedDeadLetters refused = new RefusedDeadLetters(DLQ);
    private final DeadLetters deadLetters = new DeadLetters(LIMIT, refused);

    @Test
    void shouldKeepTheWholeRecordAndThePublishersHeadersWhenTheDeadLetterFits() {
        byte[] value = bytes('v', 1_000);
        Headers publisher = new RecordHeaders().add("trace-id", "abc".getBytes(UTF_8));

        DeadLetter letter = deadLetters.of("AAPL".getBytes(UTF_8), value, publisher, NOT_JSON, SOURCE);

        assertThat(letter.whole()).isTrue();
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, "trace-id")).isEqualTo("abc");
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("NOT_JSON");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("42");
        assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isNull();
    }

    @Test
    void shouldCutTheValueToFitAndSayHowLargeTheOriginalWas() {
        byte[] value = bytes('v', 1_048_000);
        Headers publisher = new RecordHeaders().add("trace-id", bytes('h', 2_000));

        DeadLetter letter = deadLetters.of("AAPL".getBytes(UTF_8), value, publisher, NOT_JSON, SOURCE);

        assertThat(letter.truncation()).isEqualTo(DeadLetterTruncation.TOO_LARGE);
        assertThat(RecordSize.upperBound(letter.key(), letter.value(), letter.headers())).isLessThanOrEqualTo(LIMIT);
        assertThat(letter.key()).isEqualTo("AAPL".getBytes(UTF_8));
        assertThat(letter.value().length).isGreaterThan(LIMIT / 2);
        assertThat(value).startsWith(letter.value());
        assertThat(header(letter, DeadLetterHeaders.TRUNCATED)).isEqualTo("TOO_LARGE");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_KEY_SIZE)).isEqualTo("4");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_VALUE_SIZE)).isEqualTo("1048000");
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("NOT_JSON");
        assertThat(header(letter, "trace-id")).as("publisher headers are left out of a truncated dead letter").isNull();
    }

    @Test
    void shouldCutAHugeKeyAndValueBothToFit() {
        byte[] key = bytes('k', 600_000);
        byte[] value = bytes('v', 400_000);

        DeadLetter letter = deadLetters.of(key, value, new RecordHeaders(), NOT_JSON, SOURCE);

        assertThat(RecordSize.upperBound(letter.key(), letter.value(), letter.headers())).isLessThanOrEqualTo(LIMIT);
        assertThat(letter.key().length).isGreaterThan(LIMIT / 4);
        assertThat(letter.value().length).isGreaterThan(LIMIT / 4);
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_KEY_SIZE)).isEqualTo("600000");
    }

    @Test
    void shouldNotCutInsideAUtf8Character() {
        byte[] value = "€".repeat(10_000).getBytes(UTF_8);

        DeadLetter letter = deadLetters.of(null, value, new RecordHeaders(), NOT_JSON, SOURCE);

        assertThat(letter.value().length % 3).isZero();
        assertThat(new String(letter.value(), UTF_8)).matches("€+");
        assertThat(letter.key()).isNull();
    }

    @Test
    void shouldShortenAMessageThatQuotesAHugeValue() {
        ParseResult.Rejected huge = new ParseResult.Rejected(RejectReason.PRICE_OUT_OF_RANGE,
                "price " + "9".repeat(900_000) + " does not fit DECIMAL(15,4)");

        DeadLetter letter = deadLetters.of(null, bytes('v', 900_100), new RecordHeaders(), huge, SOURCE);

        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).hasSize(DeadLetters.MAX_MESSAGE_CHARS + 1).endsWith("…");
        assertThat(RecordSize.upperBound(letter.key(), letter.value(), letter.headers())).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void shouldWriteOnlyAReferenceToARecordWhoseDeadLetterTheBrokerRefused() {
        DeadLetter first = deadLetters.of("AAPL".getBytes(UTF_8), bytes('v', 100), new RecordHeaders(), NOT_JSON, SOURCE);
        assertThat(refused.remember(new ProducerRecord<>(DLQ, null, null, first.key(), first.value(), first.headers())))
                .contains(SOURCE);

        DeadLetter again = deadLetters.of("AAPL".getBytes(UTF_8), bytes('v', 100), new RecordHeaders(), NOT_JSON, SOURCE);

        assertThat(again.truncation()).isEqualTo(DeadLetterTruncation.REFUSED_BY_BROKER);
        assertThat(again.key()).isNull();
        assertThat(again.value()).isNull();
        assertThat(header(again, DeadLetterHeaders.ORIGINAL_VALUE_SIZE)).isEqualTo("100");
        assertThat(header(again, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("price-ticks");
        assertThat(header(again, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(again, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("42");
    }

    @Test
    void shouldRememberOnlyRecordsOfTheDeadLetterTopic() {
        DeadLetter letter = deadLetters.of(null, bytes('v', 10), new RecordHeaders(), NOT_JSON, SOURCE);

        assertThat(refused.remember(new ProducerRecord<>("price-history", null, null, null, letter.value(), letter.headers()))).isEmpty();
        assertThat(refused.remember(new ProducerRecord<>(DLQ, null, null, null, letter.value(), new RecordHeaders()))).isEmpty();
        assertThat(refused.contains(SOURCE)).isFalse();
    }

    @Test
    void shouldForgetTheOldestRefusalsBeyondItsCapacity() {
        for (int offset = 0; offset <= RefusedDeadLetters.CAPACITY; offset++) {
            DeadLetter letter = deadLetters.of(null, null, new RecordHeaders(), NOT_JSON, new SourceCoordinates("t", 0, offset));
            refused.remember(new ProducerRecord<>(DLQ, null, null, null, null, letter.headers()));
        }

        assertThat(refused.contains(new SourceCoordinates("t", 0, 0))).isFalse();
        assertThat(refused.contains(new SourceCoordinates("t", 0, 1))).isTrue();
        assertThat(refused.contains(new SourceCoordinates("t", 0, RefusedDeadLetters.CAPACITY))).isTrue();
    }

    private static byte[] bytes(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String header(DeadLetter letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
