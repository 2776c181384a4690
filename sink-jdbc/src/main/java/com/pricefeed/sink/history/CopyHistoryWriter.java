package com.pricefeed.sink.history;

import com.pricefeed.schemas.tick.PriceTick;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * {@code COPY … FROM STDIN (FORMAT binary)}: PostgreSQL stores the values as sent, without parsing text. Decimals
 * are encoded exactly as numeric's base-10000 digits with the BigDecimal's scale as display scale, instants as
 * microseconds since 2000-01-01 (the processor truncates source timestamps to microseconds; a finer
 * {@code received_at} is truncated here too, as timestamptz would). The benchmark module measured the sink
 * 1.3 to 1.4 times faster with it than with the text format it replaced.
 */
public final class CopyHistoryWriter implements HistoryWriter {

    static final String COPY = """
            COPY realtime_price_history
                (id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                 open_price, high_price, low_price, previous_close)
            FROM STDIN (FORMAT binary)""";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMNS = 11;
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since 1970. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    /** Decimal digits any long holds: below 10^18. */
    private static final int MAX_LONG_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = powersOfTen(MAX_LONG_DIGITS + 1);

    @Override
    public void insert(Connection connection, List<HistoryRow> rows) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, COPY, 1 << 16);
        try {
            CopyBuffer out = new CopyBuffer(copy, 1 << 16);
            out.put(SIGNATURE).putInt(0).putInt(0);
            for (HistoryRow row : rows) {
                write(out, row);
            }
            out.putShort(-1);
            out.flush();
            long copied = copy.endCopy();
            if (copied != rows.size()) {
                throw new SQLException("Copied " + copied + " history rows, expected " + rows.size());
            }
        } catch (IOException e) {
            throw new SQLException("COPY into realtime_price_history failed: " + e.getMessage(), e);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyBuffer out, HistoryRow row) throws IOException {
        PriceTick tick = row.tick();
        byte[] symbol = tick.symbol().getBytes(StandardCharsets.UTF_8);
        out.putShort(COLUMNS);
        int8(out, row.id());
        out.putInt(symbol.length).put(symbol);
        numeric(out, tick.price());
        if (tick.volume() == null) {
            out.putInt(-1);
        } else {
            int8(out, tick.volume());
        }
        timestamptz(out, tick.sourceTimestamp());
        timestamptz(out, row.record().receivedAt());
        int8(out, row.providerId());
        numeric(out, tick.openPrice());
        numeric(out, tick.highPrice());
        numeric(out, tick.lowPrice());
        numeric(out, tick.previousClose());
    }

    private static void int8(CopyBuffer out, long value) throws IOException {
        out.putInt(8).putLong(value);
    }

    private static void timestamptz(CopyBuffer out, Instant instant) throws IOException {
        int8(out, Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1_000 - PG_EPOCH_MICROS);
    }

    /**
     * numeric on the wire: ndigits, weight (of the first base-10000 digit), sign, display scale, then the digits,
     * most significant first, trailing zero digits dropped. Exact for every BigDecimal (a negative scale becomes 0).
     * A value whose scaled magnitude fits in a long (every price the table can hold) is split in long arithmetic;
     * larger ones through BigInteger.
     */
    static void numeric(CopyBuffer out, BigDecimal value) throws IOException {
        if (value == null) {
            out.putInt(-1);
            return;
        }
        int scale = Math.max(0, value.scale());
        int fractionDigits = (scale + 3) / 4;
        // Decimal places to append so the unscaled value counts whole base-10000 fraction digits.
        int padding = fractionDigits * 4 - value.scale();
        short[] digits;
        int count;
        if (value.precision() + padding <= MAX_LONG_DIGITS) {
            digits = new short[MAX_LONG_DIGITS / 4 + 1];
            count = 0;
            for (long rest = Math.abs(value.unscaledValue().longValue()) * POWERS_OF_TEN[padding]; rest != 0; rest /= 10_000) {
                digits[count++] = (short) (rest % 10_000);
            }
        } else {
            BigInteger magnitude = value.setScale(fractionDigits * 4).unscaledValue().abs();
            digits = new short[magnitude.bitLength() / 13 + 2];
            count = 0;
            for (BigInteger rest = magnitude; rest.signum() != 0; ) {
                BigInteger[] qr = rest.divideAndRemainder(TEN_THOUSAND);
                digits[count++] = qr[1].shortValue();
                rest = qr[0];
            }
        }
        int lowest = 0;
        while (lowest < count && digits[lowest] == 0) {
            lowest++;
        }
        int ndigits = count - lowest;
        out.putInt(8 + 2 * ndigits)
                .putShort(ndigits)
                .putShort(ndigits == 0 ? 0 : count - fractionDigits - 1)
                .putShort(value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE)
                .putShort(scale);
        for (int i = count - 1; i >= lowest; i--) {
            out.putShort(digits[i]);
        }
    }

    private static long[] powersOfTen(int count) {
        long[] powers = new long[count];
        powers[0] = 1;
        for (int i = 1; i < count; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
