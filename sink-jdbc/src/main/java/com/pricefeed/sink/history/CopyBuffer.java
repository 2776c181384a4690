package com.pricefeed.sink.history;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The bytes of a binary COPY, big-endian, gathered in one buffer and handed to the copy stream a buffer at a time:
 * a value costs a bounds check and a store, not a call into a stream per byte. Not thread-safe.
 */
final class CopyBuffer {

    private final OutputStream out;
    private final ByteBuffer buffer;

    CopyBuffer(OutputStream out, int capacity) {
        this.out = out;
        this.buffer = ByteBuffer.allocate(capacity);
    }

    CopyBuffer putShort(int value) throws IOException {
        room(Short.BYTES).putShort((short) value);
        return this;
    }

    CopyBuffer putInt(int value) throws IOException {
        room(Integer.BYTES).putInt(value);
        return this;
    }

    CopyBuffer putLong(long value) throws IOException {
        room(Long.BYTES).putLong(value);
        return this;
    }

    CopyBuffer put(byte[] bytes) throws IOException {
        if (bytes.length > buffer.capacity()) {
            flush();
            out.write(bytes);
        } else {
            room(bytes.length).put(bytes);
        }
        return this;
    }

    /** Passes everything gathered to the copy stream. */
    void flush() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private ByteBuffer room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
        return buffer;
    }
}
