package com.pricefeed.database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The partition maintenance of {@code realtime_price_history} (migration V7): SECURITY DEFINER functions owned by
 * the migrating role, so a writer that may not run DDL can still keep the partitions. These are the calls, in one
 * place; each is a single statement, run in a transaction of its own unless stated otherwise.
 */
public final class HistoryPartitions {

    /** The one partition below the retention boundary: the rows master rows still point at. */
    public static final String RETIRED_PARTITION = "realtime_price_history_retired";
    /** The history partition of a database upgraded from the unpartitioned schema, attached as it was. */
    public static final String LEGACY_PARTITION = "realtime_price_history_legacy";
    /** The master's link to its history row, including the partition column. */
    public static final String MASTER_LINK = "realtime_symbols_latest_history_fkey";

    /** Parameters: from (timestamptz), to (timestamptz, exclusive), step (interval text); returns partitions created. */
    public static final String ENSURE = "SELECT price_history_ensure_partitions(?, ?, ?::interval)";
    /**
     * Parameters: instants (timestamptz[]), step (interval text); creates the one partition each instant needs where
     * none covers it, and returns how many it created. There is no default partition (V15): a row can only be
     * written once its partition exists, so every writer calls this for the instants it is about to write.
     */
    public static final String COVER = "SELECT price_history_cover(?::timestamptz[], ?::interval)";
    /** Parameter: the horizon; detaches every partition wholly before it; returns how many. Bound its lock wait. */
    public static final String DETACH_BEFORE = "SELECT price_history_drop_partitions_before(?)";
    /** Drops the tables {@link #DETACH_BEFORE} detached; returns how many. */
    public static final String DROP_DETACHED = "SELECT price_history_drop_detached()";
    /** Validates {@link #MASTER_LINK} after a retention swap, without blocking writes. */
    public static final String VALIDATE_LINKS = "SELECT price_history_validate_links()";
    /** Where the full history begins, or null while retention dropped nothing; the API's role may call it. */
    public static final String RETAINED_FROM = "SELECT price_history_retained_from()";
    /** Rows: partition_name, lower_bound (null: from the beginning), upper_bound; one per range partition. */
    public static final String LIST = "SELECT partition_name, lower_bound, upper_bound FROM price_history_partitions() ORDER BY upper_bound";

    private HistoryPartitions() {
    }

    /**
     * Runs {@link #COVER} in the caller's transaction: creates the partitions of {@code step} that rows at
     * {@code instants} need and none covers yet; returns how many it created. For every writer of history rows.
     */
    public static int cover(Connection connection, Collection<Instant> instants, Duration step) throws SQLException {
        Timestamp[] stamps = instants.stream().map(Timestamp::from).toArray(Timestamp[]::new);
        Array array = connection.createArrayOf("timestamptz", stamps);
        try (PreparedStatement statement = connection.prepareStatement(COVER)) {
            statement.setArray(1, array);
            statement.setString(2, step.toSeconds() + " seconds");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } finally {
            array.free();
        }
    }
}
