package com.pricefeed.processor.state;

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

/**
 * The processor's form of a {@link PriceTick} for its internal topic and state stores: the {@link BinaryTick} layout.
 * A value that starts with {@code '{'} is read as the {@link Json} form the processor wrote before the binary form
 * existed, so state and in-flight records of an older version stay readable.
 */
public final class TickSerde implements Serde<PriceTick> {

    private static final byte JSON_START = '{';
    private static final TickSerde INSTANCE = new TickSerde();

    public static TickSerde instance() {
        return INSTANCE;
    }

    private TickSerde() {
    }

    @Override
    public Serializer<PriceTick> serializer() {
        return (topic, tick) -> tick == null ? null : encode(tick);
    }

    @Override
    public Deserializer<PriceTick> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot read a PriceTick from " + topic, e);
            }
        };
    }

    public static byte[] encode(PriceTick tick) {
        BinaryWriter out = new BinaryWriter();
        BinaryTick.write(out, tick);
        return out.toBytes();
    }

    public static PriceTick decode(byte[] bytes) throws IOException {
        if (bytes.length > 0 && bytes[0] == JSON_START) {
            return Json.mapper().readValue(bytes, PriceTick.class);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            PriceTick tick = BinaryTick.read(in);
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " unexpected bytes after a PriceTick");
            }
            return tick;
        } catch (BufferUnderflowException e) {
            throw new IOException("Truncated PriceTick of " + bytes.length + " bytes", e);
        }
    }
}
