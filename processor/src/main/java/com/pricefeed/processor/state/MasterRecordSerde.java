package com.pricefeed.processor.state;

import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.master.MasterRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * The {@code master-store}'s form of a {@link MasterRecord}: the {@link TickSerde} layout of the same eleven fields.
 * A value that starts with {@code '{'} is the {@link Json} form older versions kept, and is read as such.
 */
public final class MasterRecordSerde implements Serde<MasterRecord> {

    private static final MasterRecordSerde INSTANCE = new MasterRecordSerde();

    public static MasterRecordSerde instance() {
        return INSTANCE;
    }

    private MasterRecordSerde() {
    }

    @Override
    public Serializer<MasterRecord> serializer() {
        return (topic, master) -> master == null ? null : TickSerde.instance().encode(master.asTick());
    }

    @Override
    public Deserializer<MasterRecord> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return bytes.length > 0 && bytes[0] == '{'
                        ? Json.mapper().readValue(bytes, MasterRecord.class)
                        : MasterRecord.of(TickSerde.instance().decode(bytes), null);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot read a MasterRecord from " + topic, e);
            }
        };
    }
}
