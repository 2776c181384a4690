package com.pricefeed.benchmark;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The physical limit of the history write path: {@code COPY realtime_price_history FROM STDIN (FORMAT binary)} of
 * rows already in memory, with nothing else in the transaction. Its own small encoder of PostgreSQL's binary COPY
 * format (header, tuples of length-prefixed fields, trailer); numerics are encoded exactly, base-10000 digits.
 */
final class BinaryCopyBaseline {

    static final String COPY = """
            COPY realtime_price_history
                (id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                 open_price, high_price, low_price, previous_close)
            FROM STDIN (FORMAT binary)""";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in microseconds since 1970. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private BinaryCopyBaseline() {
    }

    /** Copies {@code records} with ids {@code firstId, firstId + 1, …}, in one COPY; returns the rows copied. */
    static long copy(Connection connection, List<HistoryRecord> records, long firstId, Map<String, Long> providerIds)
            throws SQLException, IOException {
        PGCopyOutputStream stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class), COPY, 1 << 16);
        DataOutputStream out = new DataOutputStream(stream);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        long id = firstId;
        for (HistoryRecord record : records) {
            PriceTick tick = record.tick();
            out.writeShort(11);
            out.writeInt(8);
            out.writeLong(id++);
            byte[] symbol = tick.symbol().getBytes(StandardCharsets.UTF_8);
            out.writeInt(symbol.length);
            out.write(symbol);
            numeric(out, tick.price());
            if (tick.volume() == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(8);
                out.writeLong(tick.volume());
            }
            timestamp(out, tick.sourceTimestamp());
            timestamp(out, record.receivedAt());
            out.writeInt(8);
            out.writeLong(providerIds.get(tick.provider()));
            numeric(out, tick.openPrice());
            numeric(out, tick.highPrice());
            numeric(out, tick.lowPrice());
            numeric(out, tick.previousClose());
        }
        out.writeShort(-1);
        out.flush();
        return stream.endCopy();
    }

    private static void timestamp(DataOutputStream out, Instant instant) throws IOException {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        out.writeInt(8);
        out.writeLong(micros - PG_EPOCH_MICROS);
    }

    /** PostgreSQL's numeric wire form: ndigits, weight, sign, dscale, then base-10000 digits, most significant first. */
    static void numeric(DataOutputStream out, BigDecimal value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int dscale = Math.max(0, value.scale());
        BigInteger unscaled = value.setScale(dscale).unscaledValue().abs();
        // Pad the fraction to whole base-10000 digits.
        int fractionGroups = (dscale + 3) / 4;
        unscaled = unscaled.multiply(BigInteger.TEN.pow(fractionGroups * 4 - dscale));
        short[] digits = new short[unscaled.bitLength() / 13 + 2];
        int count = 0;
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            digits[count++] = qr[1].shortValueExact();
            unscaled = qr[0];
        }
        // digits[0] is the least significant; drop trailing (least significant) zero digits.
        int low = 0;
        while (low < count && digits[low] == 0) {
            low++;
        }
        int ndigits = count - low;
        int weight = ndigits == 0 ? 0 : count - fractionGroups - 1;
        out.writeInt(8 + 2 * ndigits);
        out.writeShort(ndigits);
        out.writeShort(weight);
        out.writeShort(value.signum() < 0 ? 0x4000 : 0);
        out.writeShort(dscale);
        for (int i = count - 1; i >= low; i--) {
            out.writeShort(digits[i]);
        }
    }
}
