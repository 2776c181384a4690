package com.pricefeed.processor.dlq;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * The most bytes one record can take on the wire, alone in an uncompressed record batch: what a producer compares with
 * {@code max.request.size} and a broker with {@code max.message.bytes}. Every variable-length number is counted at its
 * widest, so the figure is never below the real size.
 */
final class RecordSize {

    /** The header of a record batch (magic 2). */
    private static final int BATCH_OVERHEAD = 61;
    /** Length, attributes, timestamp delta and offset delta of a record, each at its widest. */
    private static final int RECORD_OVERHEAD = 21;
    private static final int VARINT = 5;

    private RecordSize() {
    }

    static long upperBound(byte[] key, byte[] value, Headers headers) {
        long size = BATCH_OVERHEAD + RECORD_OVERHEAD + field(key) + field(value) + VARINT;
        for (Header header : headers) {
            size += field(header.key().getBytes(StandardCharsets.UTF_8)) + field(header.value());
        }
        return size;
    }

    private static long field(byte[] bytes) {
        return VARINT + (bytes == null ? 0 : bytes.length);
    }
}
