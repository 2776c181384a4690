package com.pricefeed.processor.state;

import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.tick.PriceTick;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The processor's private binary form of a {@link PriceTick}, for its internal topic and state stores: about a third
 * of the JSON's size and several times cheaper to write and read. Decimals keep their exact unscaled value and scale.
 *
 * <p>Layout: format byte {@value #FORMAT}, a presence byte (one bit per optional field), symbol, price, timestamp
 * (epoch second, nano), provider, then the optional fields present. A value that starts with {@code '{'} is read as
 * the {@link Json} form the processor wrote before this format existed, so state and in-flight records of an older
 * version stay readable.
 */
public final class TickSerde implements Serde<PriceTick> {

    static final byte FORMAT = 1;
    private static final byte JSON_START = '{';
    private static final TickSerde INSTANCE = new TickSerde();

    private static final int VOLUME = 1;
    private static final int OPEN = 1 << 1;
    private static final int HIGH = 1 << 2;
    private static final int LOW = 1 << 3;
    private static final int PREVIOUS_CLOSE = 1 << 4;
    private static final int COMPANY_NAME = 1 << 5;
    private static final int MARKET_CAP = 1 << 6;

    private static final byte LONG_UNSCALED = 0;
    private static final byte BIG_UNSCALED = 1;

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
        Writer out = new Writer();
        out.put(FORMAT);
        out.put((byte) presence(tick));
        out.string(tick.symbol());
        out.decimal(tick.price());
        out.putLong(tick.sourceTimestamp().getEpochSecond());
        out.putInt(tick.sourceTimestamp().getNano());
        out.string(tick.provider());
        if (tick.volume() != null) {
            out.putLong(tick.volume());
        }
        out.optionalDecimal(tick.openPrice());
        out.optionalDecimal(tick.highPrice());
        out.optionalDecimal(tick.lowPrice());
        out.optionalDecimal(tick.previousClose());
        if (tick.companyName() != null) {
            out.string(tick.companyName());
        }
        out.optionalDecimal(tick.marketCap());
        return out.bytes();
    }

    public static PriceTick decode(byte[] bytes) throws IOException {
        if (bytes.length > 0 && bytes[0] == JSON_START) {
            return Json.mapper().readValue(bytes, PriceTick.class);
        }
        try {
            return decode(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException e) {
            throw new IOException("Truncated PriceTick of " + bytes.length + " bytes", e);
        }
    }

    private static PriceTick decode(ByteBuffer in) throws IOException {
        byte format = in.get();
        if (format != FORMAT) {
            throw new IOException("Unknown PriceTick format " + format);
        }
        int present = in.get();
        String symbol = string(in);
        BigDecimal price = decimal(in);
        Instant timestamp = Instant.ofEpochSecond(in.getLong(), in.getInt());
        String provider = string(in);
        Long volume = (present & VOLUME) != 0 ? in.getLong() : null;
        BigDecimal open = (present & OPEN) != 0 ? decimal(in) : null;
        BigDecimal high = (present & HIGH) != 0 ? decimal(in) : null;
        BigDecimal low = (present & LOW) != 0 ? decimal(in) : null;
        BigDecimal previousClose = (present & PREVIOUS_CLOSE) != 0 ? decimal(in) : null;
        String companyName = (present & COMPANY_NAME) != 0 ? string(in) : null;
        BigDecimal marketCap = (present & MARKET_CAP) != 0 ? decimal(in) : null;
        if (in.hasRemaining()) {
            throw new IOException(in.remaining() + " unexpected bytes after a PriceTick");
        }
        return new PriceTick(symbol, price, timestamp, provider, volume, open, high, low, previousClose, companyName,
                marketCap);
    }

    private static int presence(PriceTick tick) {
        return (tick.volume() != null ? VOLUME : 0)
                | (tick.openPrice() != null ? OPEN : 0)
                | (tick.highPrice() != null ? HIGH : 0)
                | (tick.lowPrice() != null ? LOW : 0)
                | (tick.previousClose() != null ? PREVIOUS_CLOSE : 0)
                | (tick.companyName() != null ? COMPANY_NAME : 0)
                | (tick.marketCap() != null ? MARKET_CAP : 0);
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static BigDecimal decimal(ByteBuffer in) throws IOException {
        int scale = in.get();
        byte kind = in.get();
        if (kind == LONG_UNSCALED) {
            return BigDecimal.valueOf(in.getLong(), scale);
        }
        if (kind != BIG_UNSCALED) {
            throw new IOException("Unknown decimal encoding " + kind);
        }
        byte[] unscaled = new byte[Byte.toUnsignedInt(in.get())];
        in.get(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    /** A growable big-endian buffer; ticks are small, so it starts at 128 bytes. */
    private static final class Writer {

        private byte[] buffer = new byte[128];
        private int size;

        void put(byte value) {
            ensure(1);
            buffer[size++] = value;
        }

        void putInt(int value) {
            ensure(Integer.BYTES);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void putLong(long value) {
            ensure(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void putShort(int value) {
            ensure(Short.BYTES);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
        }

        void bytes(byte[] value) {
            ensure(value.length);
            System.arraycopy(value, 0, buffer, size, value.length);
            size += value.length;
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xFFFF) {
                throw new SerializationException("A string of " + utf8.length + " UTF-8 bytes does not fit a PriceTick");
            }
            putShort(utf8.length);
            bytes(utf8);
        }

        void decimal(BigDecimal value) {
            int scale = value.scale();
            if (scale < Byte.MIN_VALUE || scale > Byte.MAX_VALUE) {
                throw new SerializationException("Scale " + scale + " does not fit a PriceTick decimal");
            }
            put((byte) scale);
            BigInteger unscaled = value.unscaledValue();
            if (unscaled.bitLength() < Long.SIZE) {
                put(LONG_UNSCALED);
                putLong(unscaled.longValue());
            } else {
                byte[] twosComplement = unscaled.toByteArray();
                put(BIG_UNSCALED);
                put((byte) twosComplement.length);
                bytes(twosComplement);
            }
        }

        void optionalDecimal(BigDecimal value) {
            if (value != null) {
                decimal(value);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }
}
