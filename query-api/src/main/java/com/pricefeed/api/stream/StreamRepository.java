package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;
import com.pricefeed.api.prices.PriceRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL behind the stream: all master rows, and those changed since a history id (on the index over latest_history_id). */
final class StreamRepository {

    private static final String CHANGED_SINCE = PriceRepository.COLUMNS
            + " WHERE s.latest_history_id > ? ORDER BY s.latest_history_id";
    private static final String ALL = PriceRepository.COLUMNS + " ORDER BY s.latest_history_id";

    private StreamRepository() {
    }

    static List<Price> changedSince(Connection connection, long historyId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CHANGED_SINCE)) {
            statement.setLong(1, historyId);
            return read(statement);
        }
    }

    /** Every master row: what the hub loads whenever its listening connection (re)connects. */
    static List<Price> all(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ALL)) {
            return read(statement);
        }
    }

    private static List<Price> read(PreparedStatement statement) throws SQLException {
        List<Price> prices = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                prices.add(PriceRepository.read(rows));
            }
        }
        return prices;
    }
}
