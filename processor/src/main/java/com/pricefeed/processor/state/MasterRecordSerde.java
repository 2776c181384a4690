package com.pricefeed.processor.state;

import com.pricefeed.schemas.binary.BinaryOrJsonSerde;
import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.master.MasterRecord;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The {@code master-store}'s form of a {@link MasterRecord}: the {@link BinaryTick} layout of the same eleven fields,
 * as {@link TickSerde} writes a tick. A value that starts with {@code '{'} is the {@link Json} form older versions
 * kept, and is read as such.
 */
public final class MasterRecordSerde extends BinaryOrJsonSerde<MasterRecord> {

    private static final MasterRecordSerde INSTANCE = new MasterRecordSerde();

    public static MasterRecordSerde instance() {
        return INSTANCE;
    }

    private MasterRecordSerde() {
        super(MasterRecord.class);
    }

    @Override
    protected void write(BinaryWriter out, MasterRecord master) {
        BinaryTick.write(out, master.asTick());
    }

    @Override
    protected MasterRecord read(ByteBuffer in) throws IOException {
        return MasterRecord.of(BinaryTick.read(in), null);
    }
}
