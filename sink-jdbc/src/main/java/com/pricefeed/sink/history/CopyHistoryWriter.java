package com.pricefeed.sink.history;

import com.pricefeed.schemas.tick.PriceTick;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code COPY … FROM STDIN} in PostgreSQL's text format: decimals as their plain string, instants as ISO-8601,
 * so every value arrives exactly. The symbol is the only text column; it is escaped although the processor only
 * accepts symbols that need no escaping, because a record on the topic is not re-validated here.
 */
public final class CopyHistoryWriter implements HistoryWriter {

    static final String COPY = """
            COPY realtime_price_history
                (id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                 open_price, high_price, low_price, previous_close)
            FROM STDIN""";
    private static final String NULL = "\\N";

    @Override
    public void insert(Connection connection, List<HistoryRow> rows) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, COPY, 1 << 16);
        try {
            Writer out = new OutputStreamWriter(copy, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder(160);
            for (HistoryRow row : rows) {
                line.setLength(0);
                append(line, row);
                out.write(line.toString());
            }
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

    private static void append(StringBuilder line, HistoryRow row) {
        PriceTick tick = row.tick();
        line.append(row.id()).append('\t')
                .append(escape(tick.symbol())).append('\t')
                .append(tick.price().toPlainString()).append('\t')
                .append(tick.volume() == null ? NULL : tick.volume().toString()).append('\t')
                .append(tick.sourceTimestamp()).append('\t')
                .append(row.record().receivedAt()).append('\t')
                .append(row.providerId()).append('\t');
        decimal(line, tick.openPrice()).append('\t');
        decimal(line, tick.highPrice()).append('\t');
        decimal(line, tick.lowPrice()).append('\t');
        decimal(line, tick.previousClose()).append('\n');
    }

    private static String escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
            }
        }
        return text;
    }

    private static StringBuilder decimal(StringBuilder line, BigDecimal value) {
        return line.append(value == null ? NULL : value.toPlainString());
    }
}
