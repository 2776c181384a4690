package com.pricefeed.processor.state;

import com.pricefeed.processor.master.Published;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code latest-master-store}'s form of a {@link Published}: the master in the {@link MasterRecordSerde} form, or
 * the one byte {@value #TOMBSTONE} for a tombstone (no master form starts with it). The store is in memory and not
 * logged, so this form never outlives the process.
 */
public final class PublishedSerde implements Serde<Published> {

    static final byte TOMBSTONE = 0;
    private static final PublishedSerde INSTANCE = new PublishedSerde();

    public static PublishedSerde instance() {
        return INSTANCE;
    }

    private PublishedSerde() {
    }

    @Override
    public Serializer<Published> serializer() {
        return (topic, published) -> {
            if (published == null) {
                return null;
            }
            return published.tombstone() ? new byte[]{TOMBSTONE}
                    : MasterRecordSerde.instance().serializer().serialize(topic, published.master());
        };
    }

    @Override
    public Deserializer<Published> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return bytes.length == 1 && bytes[0] == TOMBSTONE ? Published.TOMBSTONE
                    : new Published(MasterRecordSerde.instance().deserializer().deserialize(topic, bytes));
        };
    }
}
