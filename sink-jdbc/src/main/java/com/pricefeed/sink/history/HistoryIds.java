package com.pricefeed.sink.history;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Allocates history row ids ahead of the insert, so master rows can point at rows written in the same batch. */
public final class HistoryIds {

    /*
     * One row back instead of one per id: the first and last id when the ids are consecutive, as they are unless
     * another session draws from the sequence at the same moment; only then every id, in the order drawn.
     */
    static final String ALLOCATE = """
            SELECT min(id), max(id), count(*),
                   CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL ELSE array_agg(id ORDER BY id) END
            FROM (SELECT nextval('realtime_price_history_id_seq') AS id FROM generate_series(1, ?)) AS allocated""";

    /*
     * Only ever forward: to the greatest id written, unless the sequence is already past it (another instance
     * repairing or drawing at the same moment keeps its ids).
     */
    static final String ADVANCE_PAST_EXISTING = """
            SELECT setval('realtime_price_history_id_seq',
                          GREATEST((SELECT last_value FROM realtime_price_history_id_seq),
                                   (SELECT COALESCE(max(id), 0) FROM realtime_price_history)))""";

    private HistoryIds() {
    }

    /** {@code count} fresh ids, ascending, in one round trip. */
    public static long[] allocate(Connection connection, int count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ALLOCATE)) {
            statement.setInt(1, count);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getLong(3) != count) {
                    throw new SQLException("Asked for " + count + " history ids, got " + rows.getLong(3));
                }
                Array scattered = rows.getArray(4);
                return scattered == null ? consecutive(rows.getLong(1), count) : values(scattered, count);
            }
        }
    }

    /** Moves the sequence past every id in the table; returns the last id it now counts as drawn. */
    public static long advancePastExisting(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ADVANCE_PAST_EXISTING);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long[] consecutive(long first, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = first + i;
        }
        return ids;
    }

    private static long[] values(Array array, int count) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = ((Number) values[i]).longValue();
        }
        return ids;
    }
}
