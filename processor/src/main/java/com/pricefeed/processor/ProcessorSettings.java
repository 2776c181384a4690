package com.pricefeed.processor;

import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.platform.config.Settings;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.processor.streams.StreamsProperties;

import java.time.Duration;
import java.util.regex.Pattern;

import static com.pricefeed.platform.config.Settings.group;

/** The processor's settings, declared once: {@link ProcessorConfig} reads them, the docs and --help show them. */
public final class ProcessorSettings {

    /** Legal characters of a Kafka topic name; the application id prefixes internal topic names, so it obeys them too. */
    private static final Pattern KAFKA_NAME = Pattern.compile("^[a-zA-Z0-9._-]{1,200}$");

    public static final Setting<String> APPLICATION_ID = Setting.matching("PROCESSOR_APPLICATION_ID", "price-processor",
            KAFKA_NAME, "1 to 200 of the characters a-z A-Z 0-9 . _ -",
            "Streams application id: consumer group, transactional id, internal-topic prefix");
    public static final Setting<String> STATE_DIR = Setting.string("PROCESSOR_STATE_DIR", null,
            "local RocksDB state; restored from the changelog topics when lost")
            .shownAs("`${java.io.tmpdir}/<application id>` (demo: `data/streams`)");
    public static final Setting<Integer> PARTITIONS = Setting.integer("PRICE_TICKS_PARTITIONS", 6, 1, 10_000,
            "partitions of the four topics when the processor creates them");
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("TOPIC_REPLICATION_FACTOR", 1, 1,
            Short.MAX_VALUE, "replication of the created and internal topics");
    public static final Setting<Integer> THREADS = Setting.integer("PROCESSOR_THREADS", 1, 1, 64,
            "stream threads per instance");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("PROCESSOR_COMMIT_INTERVAL",
            Duration.ofMillis(20), Duration.ofMillis(10), StreamsProperties.TRANSACTION_TIMEOUT,
            "how often the Streams transaction commits: a tick reaches `price-history` (and so PostgreSQL) only with a "
                    + "commit, so this bounds the latency; `30ms` gave about 7 % more peak throughput and a p99 about "
                    + "1.7 × as long at 5,000 ticks/s, `100ms` (Kafka Streams' own default) 5-20 % more than `30ms` and "
                    + "twice its median latency (see [the benchmark](../benchmark/README.md)). At most "
                    + "the producer's transaction timeout (10 s): under exactly-once Kafka Streams refuses to start with "
                    + "a longer interval");
    public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("PROCESSOR_STANDBY_REPLICAS", 0, 0, 10,
            "warm standby copies of the state stores on other instances");
    public static final Setting<Duration> MAX_FUTURE_SKEW = Setting.duration("MAX_FUTURE_SKEW", Duration.ofMinutes(5),
            Duration.ZERO, Duration.ofDays(1), "how far in the future a `source_timestamp` may lie");
    public static final Setting<Duration> DEDUP_WINDOW = Setting.duration("DEDUP_WINDOW", Duration.ofHours(1),
            Duration.ofSeconds(1), Duration.ofDays(7),
            "how long an accepted tick's identity is remembered for duplicate detection; the duplicate store's "
                    + "changelog topic keeps identities this long plus 1 minute, in segments of the window, and "
                    + "follows a changed window at the next start");
    public static final Setting<Integer> ROCKSDB_MEMORY_MB = Setting.integer("PROCESSOR_ROCKSDB_MEMORY_MB", 64, 8,
            1_048_576, "off-heap memory (MiB) all RocksDB state stores of an instance share: one block cache holding "
                    + "data, index and filter blocks, with the memtables (a quarter of it) charged to it; without a "
                    + "bound each store of each task took a 50 MB cache of its own");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("PROCESSOR_SESSION_TIMEOUT",
            Duration.ofSeconds(45), Duration.ofSeconds(6), Duration.ofMinutes(30),
            "how soon the tasks of a processor killed with -9 move to the others (Kafka's own default)");
    public static final Setting<Integer> OPS_PORT = Setting.integer("PROCESSOR_OPS_PORT", 8081, 0, 65_535,
            "health and metrics port; 0 picks a free one");

    public static final Setting<String> OPS_HOST = OpsServer.hostSetting("PROCESSOR_OPS_HOST",
            "interface of the health and metrics port: every one, for an orchestrator's probes and Prometheus; "
                    + "`127.0.0.1` keeps it on the machine");

    /** The processor's own settings: the table "Processor" of docs/configuration.md. */
    public static final Settings.Group OWN = group("Processor", APPLICATION_ID, STATE_DIR, PARTITIONS,
            REPLICATION_FACTOR, THREADS, COMMIT_INTERVAL, STANDBY_REPLICAS, MAX_FUTURE_SKEW, DEDUP_WINDOW,
            ROCKSDB_MEMORY_MB, SESSION_TIMEOUT, OPS_PORT, OPS_HOST);

    /** Everything the processor reads. */
    public static final Settings ALL = Settings.of(SharedSettings.KAFKA, SharedSettings.TOPICS, OWN,
            SharedSettings.HISTORY, SharedSettings.LOGGING);

    private ProcessorSettings() {
    }
}
