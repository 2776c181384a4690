package com.pricefeed.launcher.dlq;

import com.pricefeed.schemas.topic.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record of {@code price-ticks-dlq} with its dead-letter headers read.
 *
 * @param topic           the DLQ topic
 * @param partition       where in it
 * @param offset          where in it
 * @param timestamp       the record's timestamp, or {@code null} when it has none
 * @param reason          the {@code dlq-reason} header, or {@code null} when absent
 * @param message         the {@code dlq-message} header, or {@code null}
 * @param sourceTopic     the {@code dlq-source-topic} header, or {@code null}
 * @param sourcePartition the {@code dlq-source-partition} header as a number, or {@code null} when absent or not one
 * @param sourceOffset    the {@code dlq-source-offset} header as a number, or {@code null} when absent or not one
 * @param key             the key as received (or its first bytes when truncated), or {@code null}
 * @param value           the value as received (or its first bytes when truncated), or {@code null}
 * @param truncation      why the dead letter is not the whole record and how large it was, or {@code null} when it is
 */
record DeadLetter(String topic, int partition, long offset, Instant timestamp, String reason, String message,
                  String sourceTopic, Integer sourcePartition, Long sourceOffset, byte[] key, byte[] value,
                  Truncation truncation) {

    /**
     * The {@code dlq-truncated}, {@code dlq-original-key-size} and {@code dlq-original-value-size} headers.
     *
     * @param why       a {@link com.pricefeed.schemas.topic.DeadLetterTruncation} name
     * @param keySize   the original key's size in bytes, or {@code null} when absent or not a number
     * @param valueSize the original value's size in bytes, or {@code null} when absent or not a number
     */
    record Truncation(String why, Long keySize, Long valueSize) {
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        Instant timestamp = record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0
                ? null : Instant.ofEpochMilli(record.timestamp());
        String partition = header(headers, DeadLetterHeaders.SOURCE_PARTITION);
        String offset = header(headers, DeadLetterHeaders.SOURCE_OFFSET);
        return new DeadLetter(record.topic(), record.partition(), record.offset(), timestamp,
                header(headers, DeadLetterHeaders.REASON), header(headers, DeadLetterHeaders.MESSAGE),
                header(headers, DeadLetterHeaders.SOURCE_TOPIC), parseInteger(partition), parseLong(offset),
                record.key(), record.value(), truncation(headers));
    }

    private static Truncation truncation(Headers headers) {
        String why = header(headers, DeadLetterHeaders.TRUNCATED);
        return why == null ? null : new Truncation(why, parseLong(header(headers, DeadLetterHeaders.ORIGINAL_KEY_SIZE)),
                parseLong(header(headers, DeadLetterHeaders.ORIGINAL_VALUE_SIZE)));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer parseInteger(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
