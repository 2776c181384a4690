package com.pricefeed.schemas.binary;

import org.apache.kafka.common.errors.SerializationException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian buffer for the binary forms ({@link BinaryTick}); values are small, so it starts at 128 bytes. */
public final class BinaryWriter {

    static final byte LONG_UNSCALED = 0;
    static final byte BIG_UNSCALED = 1;

    private byte[] buffer = new byte[128];
    private int size;

    public void put(byte value) {
        ensure(1);
        buffer[size++] = value;
    }

    public void putInt(int value) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    public void putLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    /** A string as its UTF-8 length (two bytes) and bytes. */
    public void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new SerializationException("A string of " + utf8.length + " UTF-8 bytes does not fit the binary form");
        }
        ensure(Short.BYTES);
        buffer[size++] = (byte) (utf8.length >>> 8);
        buffer[size++] = (byte) utf8.length;
        bytes(utf8);
    }

    /** A decimal as its scale and its exact unscaled value (a long, or two's complement bytes beyond 63 bits). */
    public void decimal(BigDecimal value) {
        int scale = value.scale();
        if (scale < Byte.MIN_VALUE || scale > Byte.MAX_VALUE) {
            throw new SerializationException("Scale " + scale + " does not fit the binary form of a decimal");
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

    public void optionalDecimal(BigDecimal value) {
        if (value != null) {
            decimal(value);
        }
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buffer, size);
    }

    private void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
