package com.pricefeed.schemas.history;

import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.tick.PriceTick;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The value form of {@code price-history}: binary, since the sink is its only reader, about a third of the JSON's size
 * and several times cheaper to write and read.
 *
 * <p>Layout: format byte {@value #FORMAT}, a flags byte (bit 0: became current), {@code received_at} (epoch second,
 * nano), then the tick in the {@link BinaryTick} layout. A value that starts with {@code '{'} is the JSON
 * ({@code {"tick":{…},"received_at":…,"became_current":…}}) that processors wrote before this form, and is read as
 * such, so a sink reads a topic that holds both.
 */
public final class HistoryRecordSerde implements Serde<HistoryRecord> {

    public static final byte FORMAT = 2;
    private static final byte JSON_START = '{';
    private static final int BECAME_CURRENT = 1;
    private static final HistoryRecordSerde INSTANCE = new HistoryRecordSerde();

    public static HistoryRecordSerde instance() {
        return INSTANCE;
    }

    private HistoryRecordSerde() {
    }

    @Override
    public Serializer<HistoryRecord> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<HistoryRecord> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot read a HistoryRecord from topic " + topic, e);
            }
        };
    }

    private static byte[] encode(HistoryRecord record) {
        BinaryWriter out = new BinaryWriter();
        out.put(FORMAT);
        out.put((byte) (record.becameCurrent() ? BECAME_CURRENT : 0));
        out.putLong(record.receivedAt().getEpochSecond());
        out.putInt(record.receivedAt().getNano());
        BinaryTick.write(out, record.tick());
        return out.toBytes();
    }

    private static HistoryRecord decode(byte[] bytes) throws IOException {
        if (bytes.length > 0 && bytes[0] == JSON_START) {
            return Json.mapper().readValue(bytes, HistoryRecord.class);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte format = in.get();
            if (format != FORMAT) {
                throw new IOException("Unknown HistoryRecord format " + format);
            }
            boolean becameCurrent = (in.get() & BECAME_CURRENT) != 0;
            Instant receivedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            PriceTick tick = BinaryTick.read(in);
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " unexpected bytes after a HistoryRecord");
            }
            return new HistoryRecord(tick, receivedAt, becameCurrent);
        } catch (BufferUnderflowException e) {
            throw new IOException("Truncated HistoryRecord of " + bytes.length + " bytes", e);
        }
    }
}
