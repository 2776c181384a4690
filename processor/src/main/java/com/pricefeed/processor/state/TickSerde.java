package com.pricefeed.processor.state;

import com.pricefeed.schemas.binary.BinaryOrJsonSerde;
import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.tick.PriceTick;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The processor's form of a {@link PriceTick} for its internal topic and state stores: the {@link BinaryTick} layout.
 * A value that starts with {@code '{'} is read as the {@link Json} form the processor wrote before the binary form
 * existed, so state and in-flight records of an older version stay readable.
 */
public final class TickSerde extends BinaryOrJsonSerde<PriceTick> {

    private static final TickSerde INSTANCE = new TickSerde();

    public static TickSerde instance() {
        return INSTANCE;
    }

    private TickSerde() {
        super(PriceTick.class);
    }

    @Override
    protected void write(BinaryWriter out, PriceTick tick) {
        BinaryTick.write(out, tick);
    }

    @Override
    protected PriceTick read(ByteBuffer in) throws IOException {
        return BinaryTick.read(in);
    }
}
