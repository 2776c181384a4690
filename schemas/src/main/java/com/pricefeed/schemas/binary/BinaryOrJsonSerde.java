package com.pricefeed.schemas.binary;

import com.pricefeed.schemas.json.Json;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A value written in a binary layout of this project's own, read in that layout or, when it starts with {@code '{'},
 * as the {@link Json} that earlier versions wrote, so a topic or store that holds both stays readable. Subclasses
 * say how one value is laid out; a value that is cut short or runs on is refused, naming the topic.
 */
public abstract class BinaryOrJsonSerde<T> implements Serde<T> {

    private static final byte JSON_START = '{';

    private final Class<T> type;
    private final Class<? extends T> jsonType;

    protected BinaryOrJsonSerde(Class<T> type) {
        this(type, type);
    }

    /**
     * @param type     what the serde reads and writes
     * @param jsonType what the JSON of earlier versions is read as, when {@code type} is wider than what they wrote
     */
    protected BinaryOrJsonSerde(Class<T> type, Class<? extends T> jsonType) {
        this.type = type;
        this.jsonType = jsonType;
    }

    protected abstract void write(BinaryWriter out, T value);

    protected abstract T read(ByteBuffer in) throws IOException;

    @Override
    public final Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public final Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot read a " + type.getSimpleName() + " from topic " + topic, e);
            }
        };
    }

    public final byte[] encode(T value) {
        BinaryWriter out = new BinaryWriter();
        write(out, value);
        return out.toBytes();
    }

    /** Reads the JSON form that earlier versions wrote; by default as the JSON type given to the constructor. */
    protected T fromJson(byte[] bytes) throws IOException {
        return Json.mapper().readValue(bytes, jsonType);
    }

    public final T decode(byte[] bytes) throws IOException {
        if (bytes.length > 0 && bytes[0] == JSON_START) {
            return fromJson(bytes);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            T value = read(in);
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " unexpected bytes after a " + type.getSimpleName());
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new IOException("Truncated " + type.getSimpleName() + " of " + bytes.length + " bytes", e);
        }
    }
}
