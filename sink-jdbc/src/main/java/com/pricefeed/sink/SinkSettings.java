package com.pricefeed.sink;

import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.Settings;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.platform.ops.OpsServer;

import java.time.Duration;
import java.util.regex.Pattern;

import static com.pricefeed.platform.config.Settings.group;

/** The sink's settings, declared once: {@link SinkConfig} reads them, the docs and --help show them. */
public final class SinkSettings {

    /** The first wait between retries of a batch; each next one doubles, up to {@link #RETRY_MAX_BACKOFF}. */
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    /**
     * A write is waited for without polling Kafka, so it must end (or be aborted) well within the consumer's
     * max.poll.interval.ms (5 min), or the group would take this instance's partitions away meanwhile.
     */
    static final Duration MAX_SOCKET_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration LEAST_DATABASE_TIMEOUT = Duration.ofMillis(100);
    private static final Pattern GROUP_ID_PATTERN = Pattern.compile("^[A-Za-z0-9._-]{1,200}$");

    public static final Setting<String> GROUP_ID = Setting.matching("SINK_GROUP_ID", "price-sink", GROUP_ID_PATTERN,
            "1 to 200 letters, digits, . _ or -",
            "consumer group; also the key of the stored positions in `sink_offsets`");
    public static final Setting<Integer> MAX_BATCH = Setting.integer("SINK_MAX_BATCH", 20_000, 1, 100_000,
            "most records per transaction (under a backlog; at steady rates a batch is what one poll finds)");
    public static final Setting<Duration> POLL_TIMEOUT = Setting.duration("SINK_POLL_TIMEOUT", Duration.ofMillis(100),
            Duration.ofMillis(1), Duration.ofSeconds(10), "how long one poll waits for records");
    public static final Setting<Integer> DB_POOL_SIZE = Setting.integer("SINK_DB_POOL_SIZE", 3, 2, 64,
            "connections: one writes, one reads the stored positions of newly assigned partitions while a batch is "
                    + "written, one answers readiness");
    public static final Setting<String> PROVIDER_DISPLAY_NAMES = Setting.string("PROVIDER_DISPLAY_NAMES", "",
            "display names of providers registered on first sight, e.g. `polygon=Polygon.io,iex=IEX Cloud`")
            .shownAs("*(empty: the code)*");
    public static final Setting<Duration> RETRY_MAX_BACKOFF = Setting.duration("SINK_RETRY_MAX_BACKOFF",
            Duration.ofSeconds(30), INITIAL_BACKOFF, Duration.ofHours(1),
            "longest wait between retries while PostgreSQL is away (from 100 ms, doubling)");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("SINK_SESSION_TIMEOUT",
            Duration.ofSeconds(45), Duration.ofSeconds(6), Duration.ofMinutes(30),
            "how soon the partitions of a sink killed with -9 move to the others (Kafka's own default)");
    public static final Setting<Duration> STATEMENT_TIMEOUT = Setting.duration("SINK_STATEMENT_TIMEOUT",
            Duration.ofSeconds(30), LEAST_DATABASE_TIMEOUT, MAX_SOCKET_TIMEOUT,
            "PostgreSQL cancels a statement of the sink that runs longer (`statement_timeout`); the batch is retried");
    public static final Setting<Duration> LOCK_TIMEOUT = Setting.duration("SINK_LOCK_TIMEOUT", Duration.ofSeconds(10),
            LEAST_DATABASE_TIMEOUT, MAX_SOCKET_TIMEOUT,
            "PostgreSQL gives up a lock the sink has waited this long for (`lock_timeout`), e.g. one another session "
                    + "holds on `realtime_symbols`; the batch is retried");
    public static final Setting<Duration> SOCKET_TIMEOUT = Setting.duration("SINK_SOCKET_TIMEOUT", Duration.ofSeconds(60),
            Duration.ofSeconds(1), MAX_SOCKET_TIMEOUT,
            "the longest the sink waits for PostgreSQL to answer, and the longest one batch transaction may take: "
                    + "past it the connection is closed (PostgreSQL rolls the transaction back) and the batch retried; "
                    + "must be longer than `SINK_STATEMENT_TIMEOUT` (and stays below the consumer's 5-minute poll "
                    + "interval)");
    public static final Setting<Duration> MAX_COMMIT_WAIT = Setting.duration("SINK_MAX_COMMIT_WAIT",
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1),
            "`/health/ready` answers 503, with the reason, once records read have waited this long without a commit, "
                    + "and 200 again with the next commit");
    public static final Setting<Integer> OPS_PORT = Setting.integer("SINK_OPS_PORT", 8082, 0, 65_535,
            "health and metrics port; 0 picks a free one");

    public static final Setting<Duration> HISTORY_PARTITION_INTERVAL = Setting.duration("HISTORY_PARTITION_INTERVAL",
            Duration.ofDays(1), Duration.ofHours(1), Duration.ofDays(366),
            "the time range of one history partition, aligned on 2000-01-01 UTC; see [History](history.md)");
    public static final Setting<Duration> HISTORY_PARTITIONS_AHEAD = Setting.duration("HISTORY_PARTITIONS_AHEAD",
            Duration.ofDays(2), Duration.ofMinutes(10), Duration.ofDays(366),
            "how far past now the sink creates history partitions ahead of the ticks");
    public static final Setting<Duration> HISTORY_MAINTENANCE_INTERVAL = Setting.duration(
            "HISTORY_MAINTENANCE_INTERVAL", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1),
            "how often the sink creates partitions ahead and applies retention");

    public static final Setting<Boolean> CANDLES = Setting.bool("SINK_CANDLES", true,
            "each batch also merges its ticks into the one-minute bars (`realtime_price_candles_1m`) in the same "
                    + "transaction; `false` only to measure what the bars cost: ticks written meanwhile are missing from the bars for good");

    public static final Setting<Integer> MASTER_VACUUM_AFTER = Setting.integer("SINK_MASTER_VACUUM_AFTER", 10_000, 0,
            100_000_000, "master rows the sink updates between two runs of `VACUUM realtime_symbols` (as the role that "
                    + "migrates, the table's owner), which keep the table's dead row versions near this many where "
                    + "autovacuum is off or slow; 0 never runs it (see [Dead row versions of the master table]"
                    + "(operations.md#dead-row-versions-of-the-master-table))");

    public static final Setting<String> OPS_HOST = OpsServer.hostSetting("SINK_OPS_HOST",
            "interface of the health and metrics port (as `PROCESSOR_OPS_HOST`)");

    /** The sink's own settings: the table "Sink" of docs/configuration.md. */
    public static final Settings.Group OWN = group("Sink", GROUP_ID, MAX_BATCH, POLL_TIMEOUT, DB_POOL_SIZE,
            PROVIDER_DISPLAY_NAMES, RETRY_MAX_BACKOFF, SESSION_TIMEOUT, STATEMENT_TIMEOUT, LOCK_TIMEOUT, SOCKET_TIMEOUT,
            MAX_COMMIT_WAIT, OPS_PORT, OPS_HOST, HISTORY_PARTITION_INTERVAL, HISTORY_PARTITIONS_AHEAD, HISTORY_MAINTENANCE_INTERVAL, CANDLES,
            MASTER_VACUUM_AFTER);

    /** Everything the sink reads. */
    public static final Settings ALL = Settings.of(SharedSettings.KAFKA,
            group("Topics", SharedSettings.TOPIC_PRICE_HISTORY), SharedSettings.DATABASE, OWN, SharedSettings.HISTORY,
            SharedSettings.LOGGING);

    private SinkSettings() {
    }
}
