package com.pricefeed.database;

/**
 * The partition maintenance of {@code realtime_price_history} (migration V7): SECURITY DEFINER functions owned by
 * the migrating role, so a writer that may not run DDL can still keep the partitions. These are the calls, in one
 * place; each is a single statement, run in a transaction of its own unless stated otherwise.
 */
public final class HistoryPartitions {

    /** Where rows fall for which no range partition exists; 0 rows while partitions are created ahead of need. */
    public static final String DEFAULT_PARTITION = "realtime_price_history_default";
    /** The one partition below the retention boundary: the rows master rows still point at. */
    public static final String RETIRED_PARTITION = "realtime_price_history_retired";
    /** The history partition of a database upgraded from the unpartitioned schema, attached as it was. */
    public static final String LEGACY_PARTITION = "realtime_price_history_legacy";
    /** The master's link to its history row, including the partition column. */
    public static final String MASTER_LINK = "realtime_symbols_latest_history_fkey";

    /** Parameters: from (timestamptz), to (timestamptz, exclusive), step (interval text); returns partitions created. */
    public static final String ENSURE = "SELECT price_history_ensure_partitions(?, ?, ?::interval)";
    /** Parameter: the horizon; detaches every partition wholly before it; returns how many. Bound its lock wait. */
    public static final String DETACH_BEFORE = "SELECT price_history_drop_partitions_before(?)";
    /** Drops the tables {@link #DETACH_BEFORE} detached; returns how many. */
    public static final String DROP_DETACHED = "SELECT price_history_drop_detached()";
    /** Validates {@link #MASTER_LINK} after a retention swap, without blocking writes. */
    public static final String VALIDATE_LINKS = "SELECT price_history_validate_links()";
    /** The row count of {@link #DEFAULT_PARTITION}. */
    public static final String DEFAULT_ROWS = "SELECT price_history_default_rows()";
    /** Where the full history begins, or null while retention dropped nothing; the API's role may call it. */
    public static final String RETAINED_FROM = "SELECT price_history_retained_from()";
    /** Rows: partition_name, lower_bound (null: from the beginning), upper_bound; the default partition excluded. */
    public static final String LIST = "SELECT partition_name, lower_bound, upper_bound FROM price_history_partitions() ORDER BY upper_bound";

    private HistoryPartitions() {
    }
}
