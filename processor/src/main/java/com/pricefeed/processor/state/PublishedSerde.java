package com.pricefeed.processor.state;

import com.pricefeed.processor.master.Published;
import com.pricefeed.schemas.binary.BinaryOrJsonSerde;
import com.pricefeed.schemas.binary.BinaryWriter;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The {@code latest-master-store}'s form of a {@link Published}: the master in the {@link MasterRecordSerde} form, or
 * the one byte {@value #TOMBSTONE} for a tombstone (no master form starts with it). The store is in memory and not
 * logged, so this form never outlives the process.
 */
public final class PublishedSerde extends BinaryOrJsonSerde<Published> {

    static final byte TOMBSTONE = 0;
    private static final MasterRecordSerde MASTERS = MasterRecordSerde.instance();
    private static final PublishedSerde INSTANCE = new PublishedSerde();

    public static PublishedSerde instance() {
        return INSTANCE;
    }

    private PublishedSerde() {
        super(Published.class);
    }

    @Override
    protected void write(BinaryWriter out, Published published) {
        if (published.tombstone()) {
            out.put(TOMBSTONE);
        } else {
            MASTERS.write(out, published.master());
        }
    }

    @Override
    protected Published read(ByteBuffer in) throws IOException {
        if (in.remaining() == 1 && in.get(in.position()) == TOMBSTONE) {
            in.get();
            return Published.TOMBSTONE;
        }
        return new Published(MASTERS.read(in));
    }

    @Override
    protected Published fromJson(byte[] bytes) throws IOException {
        return new Published(MASTERS.decode(bytes));
    }
}
