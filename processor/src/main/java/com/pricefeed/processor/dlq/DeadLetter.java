package com.pricefeed.processor.dlq;

import com.pricefeed.schemas.topic.DeadLetterTruncation;
import org.apache.kafka.common.header.Headers;

import java.util.Objects;

/**
 * A dead letter as it is written to {@code price-ticks-dlq}.
 *
 * @param key        the original key, or its first bytes when truncated (possibly null)
 * @param value      the original value, or its first bytes when truncated (possibly null)
 * @param headers    the publisher's headers and the {@code dlq-*} ones; only the latter when truncated
 * @param truncation why the dead letter is not the whole record, or {@code null} when it is
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers, DeadLetterTruncation truncation) {

    public DeadLetter {
        Objects.requireNonNull(headers, "headers");
    }

    public boolean whole() {
        return truncation == null;
    }
}
