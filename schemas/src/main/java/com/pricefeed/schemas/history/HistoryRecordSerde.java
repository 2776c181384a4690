package com.pricefeed.schemas.history;

import com.pricefeed.schemas.binary.BinaryOrJsonSerde;
import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.tick.PriceTick;

import java.io.IOException;
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
public final class HistoryRecordSerde extends BinaryOrJsonSerde<HistoryRecord> {

    public static final byte FORMAT = 2;
    private static final int BECAME_CURRENT = 1;
    private static final HistoryRecordSerde INSTANCE = new HistoryRecordSerde();

    public static HistoryRecordSerde instance() {
        return INSTANCE;
    }

    private HistoryRecordSerde() {
        super(HistoryRecord.class);
    }

    @Override
    protected void write(BinaryWriter out, HistoryRecord record) {
        out.put(FORMAT);
        out.put((byte) (record.becameCurrent() ? BECAME_CURRENT : 0));
        out.putLong(record.receivedAt().getEpochSecond());
        out.putInt(record.receivedAt().getNano());
        BinaryTick.write(out, record.tick());
    }

    @Override
    protected HistoryRecord read(ByteBuffer in) throws IOException {
        byte format = in.get();
        if (format != FORMAT) {
            throw new IOException("Unknown HistoryRecord format " + format);
        }
        boolean becameCurrent = (in.get() & BECAME_CURRENT) != 0;
        Instant receivedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        PriceTick tick = BinaryTick.read(in);
        return new HistoryRecord(tick, receivedAt, becameCurrent);
    }
}
