package com.pricefeed.platform.config;

import com.pricefeed.schemas.topic.SymbolPartitioner;
import com.pricefeed.schemas.topic.Topics;

import java.util.regex.Pattern;

import static com.pricefeed.platform.config.Settings.group;

/** The settings more than one service reads: Kafka, PostgreSQL, the topic names and the log levels. */
public final class SharedSettings {

    private static final Pattern HOST_PORT_LIST = Pattern.compile("^[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*$");
    private static final Pattern JDBC_POSTGRESQL = Pattern.compile("^jdbc:postgresql://.+");
    private static final String DATABASE_URL_EXPECTED = "a URL starting with jdbc:postgresql://";
    private static final Pattern LOG_LEVEL_NAME = Pattern.compile("(?i)^(TRACE|DEBUG|INFO|WARN|ERROR|OFF)$");
    private static final String LOG_LEVEL_EXPECTED = "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF";
    private static final Pattern TOPIC_NAME = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");
    private static final String TOPIC_NAME_EXPECTED = "a Kafka topic name (1 to 249 letters, digits, '.', '_' or '-')";

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.matching("KAFKA_BOOTSTRAP_SERVERS",
            "127.0.0.1:9092", HOST_PORT_LIST, "a comma-separated list of host:port",
            "the Kafka brokers (the demo sets it to its embedded broker)");

    public static final Setting<String> KAFKA_CLIENT_PROPERTIES_FILE = Setting.string("KAFKA_CLIENT_PROPERTIES_FILE",
            null, "a Kafka client properties file (`security.protocol=SASL_SSL`, `sasl.jaas.config=…`), as Kafka's own "
                    + "tools take with `--command-config`; for the processor, sink, feed, `replay` and `dlq`")
            .shownAs("*(none)*");
    /** Every other {@code KAFKA_*} variable: a client property, masked in the settings logged at start. */
    public static final Setting<java.util.Map<String, String>> KAFKA_CLIENT_PROPERTIES = Setting.family("KAFKA_",
            "any other Kafka client property, named as the ecosystem's images name them: `KAFKA_SASL_JAAS_CONFIG` is "
                    + "`sasl.jaas.config` (`_` a dot, `__` an underscore, `___` a dash); wins over the file. Checked at "
                    + "start against the producer, consumer and admin configurations (an unknown name or a bad value "
                    + "is refused, naming it); secrets never shown. See [Security](security.md#kafka-client-settings)")
            .masked();

    /** A URL's value is shown {@linkplain Secrets#url redacted} in its error, never as given. */
    public static final Setting<String> DATABASE_URL = new Setting<>("DATABASE_URL", Setting.Type.STRING,
            "jdbc:postgresql://127.0.0.1:5432/prices", "`jdbc:postgresql://127.0.0.1:5432/prices`",
            DATABASE_URL_EXPECTED,
            "the PostgreSQL database (JDBC URL); created by the sink when missing. TLS goes in its query string: "
                    + "`?sslmode=verify-full&sslrootcert=/path/ca.crt`, see "
                    + "[Database security](database-security.md#tls)",
            false, SharedSettings::readDatabaseUrl);
    /** The sink's writer role (migration V12); the API reads its own, {@code API_DATABASE_USER}. */
    public static final Setting<String> DATABASE_USER = Setting.string("DATABASE_USER", "price_sink",
            "the role the sink writes as: it may only write the price tables (migration V12), see "
                    + "[Database security](database-security.md#roles)");
    public static final Setting<String> DATABASE_PASSWORD = Setting.string("DATABASE_PASSWORD", "",
            "its password").masked();
    public static final Setting<String> DATABASE_MIGRATION_USER = Setting.string("DATABASE_MIGRATION_USER", null,
            "the role that owns the schema: the sink creates the database when missing and applies the migrations as "
                    + "this role, before it consumes")
            .shownAs("`DATABASE_USER` when that is set, else `postgres`");
    public static final Setting<String> DATABASE_MIGRATION_PASSWORD = Setting.string("DATABASE_MIGRATION_PASSWORD",
            null, "its password")
            .shownAs("`DATABASE_PASSWORD` when `DATABASE_MIGRATION_USER` is unset and `DATABASE_USER` set, else *(empty)*")
            .masked();

    public static final Setting<String> TOPIC_PRICE_TICKS = topic("TOPIC_PRICE_TICKS", Topics.PRICE_TICKS,
            "publisher input");
    public static final Setting<String> TOPIC_PRICE_TICKS_DLQ = topic("TOPIC_PRICE_TICKS_DLQ", Topics.PRICE_TICKS_DLQ,
            "rejected input, with reasons");
    public static final Setting<String> TOPIC_PRICE_HISTORY = topic("TOPIC_PRICE_HISTORY", Topics.PRICE_HISTORY,
            "accepted ticks, the sink's input");
    public static final Setting<String> TOPIC_REALTIME_SYMBOLS = topic("TOPIC_REALTIME_SYMBOLS",
            Topics.REALTIME_SYMBOLS, "compacted current prices, for downstream consumers");

    /** Read by the processor (where it keeps each symbol's state) and by the project's own publishers (feed, replay). */
    public static final Setting<String> PRICE_TICKS_PARTITIONER = Setting.matching("PRICE_TICKS_PARTITIONER", null,
            Pattern.compile("(?i)^(murmur2|crc32)$"), "murmur2 or crc32",
            "how publishers spread ticks keyed by symbol over the partitions of `price-ticks`: `murmur2`, the Java "
                    + "client's default, or `crc32`, librdkafka's (kcat, Confluent's clients for Python, Go, .NET). The "
                    + "processor keeps each symbol's state where this partitioner puts its ticks, so they are processed "
                    + "where they arrive; ticks placed otherwise take a detour through the `ticks-by-symbol` topic. "
                    + "Chosen when a deployment is created and kept: the processor refuses to start with another one. "
                    + "`replay`, `delist` and the feed publish this way too; `replay` and `delist`, when it is unset, as the "
                    + "deployment recorded")
            .shownAs("as the deployment was created; `murmur2` for a new one (`crc32` for a new demo)");

    /** Read by the processor (dead-letters older ticks) and by the sink (drops older partitions). */
    public static final Setting<java.time.Duration> HISTORY_RETENTION = Setting.duration("HISTORY_RETENTION",
            java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Duration.ofDays(36_600),
            "how much history is kept; `0` keeps it all. The sink drops older partitions whole (so it is at least "
                    + "`HISTORY_PARTITION_INTERVAL`); the processor, given the same value, dead-letters ticks older "
                    + "than it (`TIMESTAMP_BEYOND_RETENTION`); see [Retention](history.md#retention)")
            .shownAs("`0` (off)");

    /** Read by logback.xml ({@code ${LOG_LEVEL:-INFO}}), checked at start. */
    public static final Setting<String> LOG_LEVEL = Setting.matching("LOG_LEVEL", "INFO", LOG_LEVEL_NAME,
            LOG_LEVEL_EXPECTED, "the services' log level");
    public static final Setting<String> KAFKA_LOG_LEVEL = Setting.matching("KAFKA_LOG_LEVEL", "WARN", LOG_LEVEL_NAME,
            LOG_LEVEL_EXPECTED, "the log level of the Kafka client and broker libraries");

    public static final Settings.Group KAFKA = group("Kafka", KAFKA_BOOTSTRAP_SERVERS, KAFKA_CLIENT_PROPERTIES_FILE,
            KAFKA_CLIENT_PROPERTIES);
    public static final Settings.Group DATABASE = group("PostgreSQL", DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
            DATABASE_MIGRATION_USER, DATABASE_MIGRATION_PASSWORD);
    public static final Settings.Group TOPICS = group("Topics", TOPIC_PRICE_TICKS, TOPIC_PRICE_TICKS_DLQ,
            TOPIC_PRICE_HISTORY, TOPIC_REALTIME_SYMBOLS, PRICE_TICKS_PARTITIONER);
    public static final Settings.Group HISTORY = group("History", HISTORY_RETENTION);
    public static final Settings.Group LOGGING = group("Logging", LOG_LEVEL, KAFKA_LOG_LEVEL);

    /** Every shared setting: the table "Shared" of docs/configuration.md. */
    public static final Settings ALL = Settings.of(KAFKA, DATABASE, TOPICS, HISTORY, LOGGING);

    private SharedSettings() {
    }

    /** {@link #PRICE_TICKS_PARTITIONER}, or {@code null} when unset (each reader says what unset means to it). */
    public static SymbolPartitioner partitioner(Env env) {
        String code = PRICE_TICKS_PARTITIONER.read(env);
        return code == null ? null : SymbolPartitioner.of(code);
    }

    private static String readDatabaseUrl(Env env, String name, String defaultValue) {
        String url = env.string(name, defaultValue);
        if (!JDBC_POSTGRESQL.matcher(url).matches()) {
            throw new ConfigException(name + " must be " + DATABASE_URL_EXPECTED + ", got \"" + Secrets.url(url) + "\"");
        }
        return url;
    }

    private static Setting<String> topic(String name, String defaultName, String documentation) {
        return Setting.matching(name, defaultName, TOPIC_NAME, TOPIC_NAME_EXPECTED, documentation);
    }
}
