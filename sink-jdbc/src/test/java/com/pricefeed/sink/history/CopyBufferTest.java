package com.pricefeed.sink.history;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the buffer's size, the copy stream receives exactly the bytes DataOutputStream would write. */
class CopyBufferTest {

    @Property(tries = 500)
    void shouldPassOnTheSameBytesAsADataOutputStream(@ForAll @Size(max = 40) List<Long> values,
                                                      @ForAll @Size(max = 40) byte[] bytes,
                                                      @ForAll @IntRange(min = 8, max = 64) int capacity) throws IOException {
        ByteArrayOutputStream viaBuffer = new ByteArrayOutputStream();
        CopyBuffer buffer = new CopyBuffer(viaBuffer, capacity);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);

        for (long value : values) {
            buffer.putShort((int) value).putInt((int) value).putLong(value).put(bytes);
            data.writeShort((int) value);
            data.writeInt((int) value);
            data.writeLong(value);
            data.write(bytes);
        }
        buffer.flush();

        assertThat(viaBuffer.toByteArray()).isEqualTo(expected.toByteArray());
    }
}
