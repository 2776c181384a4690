package com.pricefeed.sink.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Allocates history row ids ahead of the insert, so master rows can point at rows written in the same batch. */
public final class HistoryIds {

    static final String ALLOCATE = "SELECT nextval('realtime_price_history_id_seq') FROM generate_series(1, ?)";

    private HistoryIds() {
    }

    /** {@code count} fresh ids in one round trip. */
    public static long[] allocate(Connection connection, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement statement = connection.prepareStatement(ALLOCATE)) {
            statement.setInt(1, count);
            try (ResultSet rows = statement.executeQuery()) {
                int i = 0;
                while (rows.next()) {
                    ids[i++] = rows.getLong(1);
                }
                if (i != count) {
                    throw new SQLException("Asked for " + count + " history ids, got " + i);
                }
            }
        }
        return ids;
    }
}
