package com.pricefeed.processor.dlq;

import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** The headers that say why a record was dead-lettered and where it came from; see {@link DeadLetterHeaders}. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * The publisher's own headers, followed by the dead-letter headers (replacing any of the same name, so a record
     * that is re-published from the DLQ carries only its latest rejection).
     */
    public static Headers headers(Headers original, ParseResult.Rejected rejection, SourceCoordinates source) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, DeadLetterHeaders.REASON, rejection.reason().name());
        put(headers, DeadLetterHeaders.MESSAGE, rejection.message());
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Where a record was read: topic, partition and offset. */
    public record SourceCoordinates(String topic, int partition, long offset) {

        public static final SourceCoordinates UNKNOWN = new SourceCoordinates("unknown", -1, -1L);

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }
}
