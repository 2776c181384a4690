package com.pricefeed.processor.dlq;

import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.schemas.topic.DeadLetterTruncation;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a rejected record into the dead letter that can be written: the whole record with headers that say why it was
 * rejected and where it came from ({@link DeadLetterHeaders}); when that is larger than a record of the dead-letter
 * topic may be, the record cut to fit ({@link DeadLetterTruncation#TOO_LARGE}); when the broker refused it once, a
 * reference to it ({@link DeadLetterTruncation#REFUSED_BY_BROKER}). So no record, whatever its size, can stop a
 * partition.
 */
public final class DeadLetters {

    /** The longest {@code dlq-message}: a message quotes the offending value, which may be most of a megabyte. */
    static final int MAX_MESSAGE_CHARS = 500;

    private final long maxRecordBytes;
    private final RefusedDeadLetters refused;

    /**
     * @param maxRecordBytes the most bytes one record of the dead-letter topic may take ({@link RecordSize})
     * @param refused        the dead letters the broker refused before
     */
    public DeadLetters(long maxRecordBytes, RefusedDeadLetters refused) {
        this.maxRecordBytes = maxRecordBytes;
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    public DeadLetter of(byte[] key, byte[] value, Headers publisherHeaders, ParseResult.Rejected rejection,
                         SourceCoordinates source) {
        Headers explanation = explanation(rejection, source);
        if (refused.contains(source)) {
            return new DeadLetter(null, null, truncationHeaders(DeadLetterTruncation.REFUSED_BY_BROKER, key, value, explanation),
                    DeadLetterTruncation.REFUSED_BY_BROKER);
        }
        Headers whole = new RecordHeaders(publisherHeaders.toArray());
        explanation.forEach(header -> put(whole, header.key(), header.value()));
        if (RecordSize.upperBound(key, value, whole) <= maxRecordBytes) {
            return new DeadLetter(key, value, whole, null);
        }
        return cutToFit(key, value, explanation);
    }

    /** {@code message} as the {@code dlq-message} header and the log show it. */
    public static String shown(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    /** Keeps as much of the key and the value as fits, the value first; the publisher's headers are left out. */
    private DeadLetter cutToFit(byte[] key, byte[] value, Headers explanation) {
        Headers headers = truncationHeaders(DeadLetterTruncation.TOO_LARGE, key, value, explanation);
        long room = Math.max(0, maxRecordBytes - RecordSize.upperBound(null, null, headers));
        long keyRoom = Math.min(length(key), Math.max(room - length(value), room / 2));
        return new DeadLetter(prefix(key, keyRoom), prefix(value, room - keyRoom), headers, DeadLetterTruncation.TOO_LARGE);
    }

    private static Headers truncationHeaders(DeadLetterTruncation why, byte[] key, byte[] value, Headers explanation) {
        Headers headers = new RecordHeaders(explanation.toArray());
        put(headers, DeadLetterHeaders.TRUNCATED, why.name());
        put(headers, DeadLetterHeaders.ORIGINAL_KEY_SIZE, Integer.toString(length(key)));
        put(headers, DeadLetterHeaders.ORIGINAL_VALUE_SIZE, Integer.toString(length(value)));
        return headers;
    }

    private static Headers explanation(ParseResult.Rejected rejection, SourceCoordinates source) {
        Headers headers = new RecordHeaders();
        put(headers, DeadLetterHeaders.REASON, rejection.reason().name());
        put(headers, DeadLetterHeaders.MESSAGE, shown(rejection.message()));
        put(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        return headers;
    }

    /** Replaces any header of the same name, so a record re-published from the DLQ carries only its latest rejection. */
    private static void put(Headers headers, String name, String value) {
        put(headers, name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(Headers headers, String name, byte[] value) {
        headers.remove(name);
        headers.add(name, value);
    }

    /** The first {@code room} bytes at most, never ending inside a UTF-8 character; null stays null. */
    private static byte[] prefix(byte[] bytes, long room) {
        if (bytes == null || bytes.length <= room) {
            return bytes;
        }
        int end = (int) Math.max(0, room);
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
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
