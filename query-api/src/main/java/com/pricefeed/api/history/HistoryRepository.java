package com.pricefeed.api.history;

import com.pricefeed.api.jdbc.SymbolLookups;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The SQL that pages through {@code realtime_price_history}, newest first, on its (symbol, time, id) index. */
public final class HistoryRepository {

    private static final String PAGE = """
            SELECT h.id, h.symbol, h.price, h.volume, h.source_timestamp, h.fetched_at, p.code AS provider,
                   h.open_price, h.high_price, h.low_price, h.previous_close
              FROM realtime_price_history h
              JOIN market_data_providers p ON p.id = h.provider_id
             WHERE h.symbol = ?
               AND h.source_timestamp >= COALESCE(?, '-infinity'::timestamptz)
               AND h.source_timestamp < COALESCE(?, 'infinity'::timestamptz)
               AND (h.source_timestamp, h.id) < (COALESCE(?, 'infinity'::timestamptz), COALESCE(?, 9223372036854775807))
             ORDER BY h.source_timestamp DESC, h.id DESC
             LIMIT ?
            """;
    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM realtime_price_history WHERE symbol = ?)";

    private final DataSource dataSource;

    public HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} rows of the query's page (the caller asks for one more to learn whether a next page exists). */
    public List<HistoryEntry> page(HistoryQuery query, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PAGE)) {
            statement.setString(1, query.symbol());
            statement.setObject(2, query.from().map(HistoryRepository::utc).orElse(null));
            statement.setObject(3, query.to().map(HistoryRepository::utc).orElse(null));
            statement.setObject(4, query.after().map(cursor -> utc(cursor.sourceTimestamp())).orElse(null));
            statement.setObject(5, query.after().map(Cursor::id).orElse(null), java.sql.Types.BIGINT);
            statement.setInt(6, limit);
            List<HistoryEntry> entries = new ArrayList<>(limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
            return entries;
        }
    }

    public boolean hasAny(String symbol) throws SQLException {
        return SymbolLookups.exists(dataSource, ANY, symbol);
    }

    private static HistoryEntry read(ResultSet rows) throws SQLException {
        long volume = rows.getLong("volume");
        boolean volumeNull = rows.wasNull();
        return new HistoryEntry(
                rows.getLong("id"),
                rows.getString("symbol"),
                rows.getBigDecimal("price"),
                volumeNull ? null : volume,
                instant(rows, "source_timestamp"),
                instant(rows, "fetched_at"),
                rows.getString("provider"),
                decimal(rows, "open_price"),
                decimal(rows, "high_price"),
                decimal(rows, "low_price"),
                decimal(rows, "previous_close"));
    }

    private static BigDecimal decimal(ResultSet rows, String column) throws SQLException {
        return rows.getBigDecimal(column);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
