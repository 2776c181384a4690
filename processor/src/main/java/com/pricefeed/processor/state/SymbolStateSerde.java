package com.pricefeed.processor.state;

import com.pricefeed.processor.master.SymbolState;
import com.pricefeed.schemas.binary.BinaryOrJsonSerde;
import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.master.MasterRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The {@code master-store}'s form of a {@link SymbolState}. A listed symbol is stored exactly as before delisting
 * existed, its master in the {@link MasterRecordSerde} form (binary, or the JSON of older versions), so the store
 * and its changelog hold what an earlier version reads, and what it wrote reads as listed. A delisted symbol is format byte {@value #DELISTED_FORMAT}, a
 * flags byte (bit 0: a master follows), {@code delisted_at} (epoch second long, nano int), then the master in the
 * {@link BinaryTick} layout when there is one.
 */
public final class SymbolStateSerde extends BinaryOrJsonSerde<SymbolState> {

    /** Not a format of {@code schemas} nor of {@link SymbolInputSerde}. */
    public static final byte DELISTED_FORMAT = 5;
    private static final int HAS_MASTER = 1;
    private static final MasterRecordSerde MASTERS = MasterRecordSerde.instance();
    private static final SymbolStateSerde INSTANCE = new SymbolStateSerde();

    public static SymbolStateSerde instance() {
        return INSTANCE;
    }

    private SymbolStateSerde() {
        super(SymbolState.class);
    }

    @Override
    protected void write(BinaryWriter out, SymbolState state) {
        if (!state.delisted()) {
            MASTERS.write(out, state.master());
            return;
        }
        out.put(DELISTED_FORMAT);
        out.put((byte) (state.master() != null ? HAS_MASTER : 0));
        out.putLong(state.delistedAt().getEpochSecond());
        out.putInt(state.delistedAt().getNano());
        if (state.master() != null) {
            BinaryTick.write(out, state.master().asTick());
        }
    }

    @Override
    protected SymbolState read(ByteBuffer in) throws IOException {
        if (!in.hasRemaining() || in.get(in.position()) != DELISTED_FORMAT) {
            return SymbolState.listed(MASTERS.read(in));
        }
        in.get();
        byte flags = in.get();
        if ((flags & ~HAS_MASTER) != 0) {
            throw new IOException("Unknown SymbolState flags " + flags);
        }
        Instant delistedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        MasterRecord master = (flags & HAS_MASTER) != 0 ? MasterRecord.of(BinaryTick.read(in), null) : null;
        return new SymbolState(master, delistedAt);
    }

    @Override
    protected SymbolState fromJson(byte[] bytes) throws IOException {
        return SymbolState.listed(MASTERS.decode(bytes));
    }
}
