package com.pricefeed.processor.state;

import com.pricefeed.processor.master.SymbolState;
import com.pricefeed.schemas.binary.BinaryTick;
import com.pricefeed.schemas.binary.BinaryWriter;
import com.pricefeed.schemas.master.MasterRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The {@code master-store}'s form of a {@link SymbolState}. A listed symbol is stored exactly as before delisting
 * existed, its master in the {@link MasterRecordSerde} form (binary, or the JSON of older versions) (so the store and its changelog hold what an earlier
 * version reads, and what it wrote reads as listed). A delisted symbol is format byte {@value #DELISTED_FORMAT}, a
 * flags byte (bit 0: a master follows), {@code delisted_at} (epoch second long, nano int), then the master in the
 * {@link BinaryTick} layout when there is one.
 */
public final class SymbolStateSerde implements Serde<SymbolState> {

    /** Not a format of {@code schemas} nor of {@link SymbolInputSerde}. */
    public static final byte DELISTED_FORMAT = 5;
    private static final int HAS_MASTER = 1;
    private static final SymbolStateSerde INSTANCE = new SymbolStateSerde();

    public static SymbolStateSerde instance() {
        return INSTANCE;
    }

    private SymbolStateSerde() {
    }

    @Override
    public Serializer<SymbolState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<SymbolState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot read a SymbolState from " + topic, e);
            }
        };
    }

    static byte[] encode(SymbolState state) {
        if (!state.delisted()) {
            return MasterRecordSerde.instance().serializer().serialize(null, state.master());
        }
        BinaryWriter out = new BinaryWriter();
        out.put(DELISTED_FORMAT);
        out.put((byte) (state.master() != null ? HAS_MASTER : 0));
        out.putLong(state.delistedAt().getEpochSecond());
        out.putInt(state.delistedAt().getNano());
        if (state.master() != null) {
            BinaryTick.write(out, state.master().asTick());
        }
        return out.toBytes();
    }

    static SymbolState decode(byte[] bytes) throws IOException {
        if (bytes.length == 0 || bytes[0] != DELISTED_FORMAT) {
            return SymbolState.listed(MasterRecordSerde.instance().deserializer().deserialize(null, bytes));
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            byte flags = in.get();
            if ((flags & ~HAS_MASTER) != 0) {
                throw new IOException("Unknown SymbolState flags " + flags);
            }
            Instant delistedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            MasterRecord master = (flags & HAS_MASTER) != 0 ? MasterRecord.of(BinaryTick.read(in), null) : null;
            if (in.hasRemaining()) {
                throw new IOException(in.remaining() + " unexpected bytes after a SymbolState");
            }
            return new SymbolState(master, delistedAt);
        } catch (BufferUnderflowException e) {
            throw new IOException("Truncated SymbolState of " + bytes.length + " bytes", e);
        }
    }
}
