package com.pricefeed.sink.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The greatest history id known to be taken. The partitioned history is unique on (id, source_timestamp) only, so
 * the database no longer refuses an id drawn twice for different times; ids come from one sequence in ascending
 * order, so an id at or below this floor proves the sequence was moved back (a restore, a reset by hand). Read once
 * from the table, then kept by the writing thread.
 */
public final class IdFloor {

    static final String MAX_ID = "SELECT coalesce(max(id), 0) FROM realtime_price_history";

    private long floor = -1;

    /** Returns {@code ids} (ascending) unless one is at or below the floor. */
    public long[] check(Connection connection, long[] ids) throws SQLException {
        if (ids.length == 0) {
            return ids;
        }
        if (floor < 0) {
            floor = maxId(connection);
        }
        if (ids[0] <= floor) {
            throw new SequenceBehindException("history id " + ids[0] + " drawn from the sequence is not above " + floor
                    + ", the greatest id already taken");
        }
        floor = ids[ids.length - 1];
        return ids;
    }

    private static long maxId(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MAX_ID); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
