package com.pricefeed.schemas.binary;

import com.pricefeed.schemas.tick.PriceTick;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The binary form of a {@link PriceTick} the services write for each other (the processor's internal topic and state
 * stores, {@code price-history}): about a third of the JSON's size and several times cheaper to write and read.
 * Decimals keep their exact unscaled value and scale.
 *
 * <p>Layout: format byte {@value #FORMAT}, a presence byte (one bit per optional field), symbol, price, timestamp
 * (epoch second, nano), provider, then the optional fields present. JSON starts with {@code '{'}, never with this
 * format byte, so a reader can tell the two apart by the first byte.
 */
public final class BinaryTick {

    public static final byte FORMAT = 1;

    private static final int VOLUME = 1;
    private static final int OPEN = 1 << 1;
    private static final int HIGH = 1 << 2;
    private static final int LOW = 1 << 3;
    private static final int PREVIOUS_CLOSE = 1 << 4;
    private static final int COMPANY_NAME = 1 << 5;
    private static final int MARKET_CAP = 1 << 6;

    private BinaryTick() {
    }

    public static void write(BinaryWriter out, PriceTick tick) {
        out.put(FORMAT);
        out.put((byte) presence(tick));
        out.string(tick.symbol());
        out.decimal(tick.price());
        out.putLong(tick.sourceTimestamp().getEpochSecond());
        out.putInt(tick.sourceTimestamp().getNano());
        out.string(tick.provider());
        if (tick.volume() != null) {
            out.putLong(tick.volume());
        }
        out.optionalDecimal(tick.openPrice());
        out.optionalDecimal(tick.highPrice());
        out.optionalDecimal(tick.lowPrice());
        out.optionalDecimal(tick.previousClose());
        if (tick.companyName() != null) {
            out.string(tick.companyName());
        }
        out.optionalDecimal(tick.marketCap());
    }

    /** Reads one tick from the buffer's position; throws {@link java.nio.BufferUnderflowException} when it is cut short. */
    public static PriceTick read(ByteBuffer in) throws IOException {
        byte format = in.get();
        if (format != FORMAT) {
            throw new IOException("Unknown PriceTick format " + format);
        }
        int present = in.get();
        String symbol = string(in);
        BigDecimal price = decimal(in);
        Instant timestamp = Instant.ofEpochSecond(in.getLong(), in.getInt());
        String provider = string(in);
        Long volume = (present & VOLUME) != 0 ? in.getLong() : null;
        BigDecimal open = (present & OPEN) != 0 ? decimal(in) : null;
        BigDecimal high = (present & HIGH) != 0 ? decimal(in) : null;
        BigDecimal low = (present & LOW) != 0 ? decimal(in) : null;
        BigDecimal previousClose = (present & PREVIOUS_CLOSE) != 0 ? decimal(in) : null;
        String companyName = (present & COMPANY_NAME) != 0 ? string(in) : null;
        BigDecimal marketCap = (present & MARKET_CAP) != 0 ? decimal(in) : null;
        return new PriceTick(symbol, price, timestamp, provider, volume, open, high, low, previousClose, companyName,
                marketCap);
    }

    private static int presence(PriceTick tick) {
        return (tick.volume() != null ? VOLUME : 0)
                | (tick.openPrice() != null ? OPEN : 0)
                | (tick.highPrice() != null ? HIGH : 0)
                | (tick.lowPrice() != null ? LOW : 0)
                | (tick.previousClose() != null ? PREVIOUS_CLOSE : 0)
                | (tick.companyName() != null ? COMPANY_NAME : 0)
                | (tick.marketCap() != null ? MARKET_CAP : 0);
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static BigDecimal decimal(ByteBuffer in) throws IOException {
        int scale = in.get();
        byte kind = in.get();
        if (kind == BinaryWriter.LONG_UNSCALED) {
            return BigDecimal.valueOf(in.getLong(), scale);
        }
        if (kind != BinaryWriter.BIG_UNSCALED) {
            throw new IOException("Unknown decimal encoding " + kind);
        }
        byte[] unscaled = new byte[Byte.toUnsignedInt(in.get())];
        in.get(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
