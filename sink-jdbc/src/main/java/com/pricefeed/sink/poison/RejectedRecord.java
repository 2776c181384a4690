package com.pricefeed.sink.poison;

import org.apache.kafka.common.TopicPartition;

import java.util.Objects;

/**
 * A record of {@code price-history} the sink cannot write.
 *
 * @param partition where it was read
 * @param offset    its offset
 * @param key       its key, or {@code null}
 * @param value     its value bytes as on the topic (re-serialized when it was readable), or {@code null}
 * @param error     why it was rejected
 */
public record RejectedRecord(TopicPartition partition, long offset, String key, byte[] value, String error) {

    public RejectedRecord {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(error, "error");
    }

    public String coordinates() {
        return partition + "@" + offset;
    }
}
