package com.pricefeed.benchmark;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * What the seed's {@code store_price_to_master} does, per tick and in its own transaction: insert the history row,
 * look up the master row, update it or insert it (pointing at that history row), commit. Prepared statements, one
 * connection: the pattern's best case.
 */
final class SeedBaseline {

    private static final String INSERT_HISTORY = """
            INSERT INTO realtime_price_history (symbol, price, volume, source_timestamp, fetched_at, provider_id,
                                                open_price, high_price, low_price, previous_close)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
    private static final String SELECT_MASTER = "SELECT symbol, last_updated FROM realtime_symbols WHERE symbol = ?";
    private static final String UPDATE_MASTER = """
            UPDATE realtime_symbols SET current_price = ?, company_name = ?, last_updated = ?, provider_id = ?,
                   volume = ?, market_cap = ?, latest_history_id = ?, previous_close = ?, updated_at = now()
             WHERE symbol = ?""";
    private static final String INSERT_MASTER = """
            INSERT INTO realtime_symbols (current_price, company_name, last_updated, provider_id, volume, market_cap,
                                          latest_history_id, previous_close, symbol) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private SeedBaseline() {
    }

    static void write(Connection connection, List<HistoryRecord> records, Map<String, Long> providerIds) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement history = connection.prepareStatement(INSERT_HISTORY);
             PreparedStatement select = connection.prepareStatement(SELECT_MASTER);
             PreparedStatement update = connection.prepareStatement(UPDATE_MASTER);
             PreparedStatement insert = connection.prepareStatement(INSERT_MASTER)) {
            for (HistoryRecord record : records) {
                PriceTick tick = record.tick();
                long providerId = providerIds.get(tick.provider());
                history.setString(1, tick.symbol());
                history.setBigDecimal(2, tick.price());
                history.setObject(3, tick.volume());
                history.setTimestamp(4, Timestamp.from(tick.sourceTimestamp()));
                history.setTimestamp(5, Timestamp.from(record.receivedAt()));
                history.setLong(6, providerId);
                history.setBigDecimal(7, tick.openPrice());
                history.setBigDecimal(8, tick.highPrice());
                history.setBigDecimal(9, tick.lowPrice());
                history.setBigDecimal(10, tick.previousClose());
                long historyId;
                try (ResultSet rows = history.executeQuery()) {
                    rows.next();
                    historyId = rows.getLong(1);
                }
                boolean exists;
                select.setString(1, tick.symbol());
                try (ResultSet rows = select.executeQuery()) {
                    exists = rows.next();
                }
                PreparedStatement master = exists ? update : insert;
                master.setBigDecimal(1, tick.price());
                master.setString(2, tick.companyName());
                master.setTimestamp(3, Timestamp.from(tick.sourceTimestamp()));
                master.setLong(4, providerId);
                master.setObject(5, tick.volume());
                master.setBigDecimal(6, tick.marketCap());
                master.setLong(7, historyId);
                master.setBigDecimal(8, tick.previousClose());
                master.setString(9, tick.symbol());
                if (master.executeUpdate() != 1) {
                    throw new SQLException("Master row of " + tick.symbol() + " not written");
                }
                connection.commit();
            }
        }
    }
}
