package com.pricefeed.processor.state;

import com.pricefeed.processor.ticks.SymbolInput;
import com.pricefeed.schemas.binary.BinaryOrJsonSerde;
import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.tick.Delisting;
import com.pricefeed.schemas.tick.PriceTick;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The form of a {@link SymbolInput} on the processor's internal {@code ticks-by-symbol} topic. A tick is exactly its
 * {@link TickSerde} form ({@link BinaryTick}, format byte {@value BinaryTick#FORMAT}), so records that an earlier
 * version left in flight, binary or {@link Json}, read as ticks. A delisting is format byte {@value #DELISTING_FORMAT},
 * symbol and provider as UTF-8 length (two bytes) and bytes, {@code delisted_at} as epoch second (long) and nano (int):
 * symbol, delisted_at, provider.
 */
public final class SymbolInputSerde extends BinaryOrJsonSerde<SymbolInput> {

    /** Not a format of {@code schemas} (1: tick, 2 and 3: price-history), so no reader mistakes one for another. */
    public static final byte DELISTING_FORMAT = 4;

    private static final SymbolInputSerde INSTANCE = new SymbolInputSerde();

    public static SymbolInputSerde instance() {
        return INSTANCE;
    }

    private SymbolInputSerde() {
        super(SymbolInput.class);
    }

    @Override
    protected void write(BinaryWriter out, SymbolInput input) {
        if (input instanceof SymbolInput.Tick tick) {
            BinaryTick.write(out, tick.tick());
        } else {
            Delisting delisting = ((SymbolInput.Delist) input).delisting();
            out.put(DELISTING_FORMAT);
            out.string(delisting.symbol());
            out.putLong(delisting.delistedAt().getEpochSecond());
            out.putInt(delisting.delistedAt().getNano());
            out.string(delisting.provider());
        }
    }

    @Override
    protected SymbolInput read(ByteBuffer in) throws IOException {
        if (in.get(in.position()) != DELISTING_FORMAT) {
            return new SymbolInput.Tick(BinaryTick.read(in));
        }
        in.get();
        String symbol = string(in);
        Instant delistedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        String provider = string(in);
        return new SymbolInput.Delist(new Delisting(symbol, delistedAt, provider));
    }

    @Override
    protected SymbolInput fromJson(byte[] bytes) throws IOException {
        return new SymbolInput.Tick(Json.mapper().readValue(bytes, PriceTick.class));
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
