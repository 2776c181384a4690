package com.pricefeed.sink;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.platform.config.TopicName;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.schemas.topic.Topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the sink needs, read once from the environment by {@link Main} (or the all-in-one launcher).
 *
 * @param kafka                where the broker is
 * @param database             where PostgreSQL is
 * @param historyTopic         the topic to consume ({@code TOPIC_PRICE_HISTORY})
 * @param groupId              the consumer group; also the key of the positions in {@code sink_offsets} ({@code SINK_GROUP_ID})
 * @param maxBatch             the most records written in one transaction ({@code SINK_MAX_BATCH})
 * @param pollTimeout          how long one poll waits for records ({@code SINK_POLL_TIMEOUT})
 * @param dbPoolSize           connections in the pool: one writes, one reads positions of newly assigned partitions,
 *                             one answers readiness ({@code SINK_DB_POOL_SIZE}, default 3, at least 2)
 * @param providerDisplayNames display name per provider code for providers registered on first sight
 *                             ({@code PROVIDER_DISPLAY_NAMES}); a code not listed is its own display name
 * @param opsPort              the port of /health and /metrics; 0 picks a free one ({@code SINK_OPS_PORT})
 * @param retryMaxBackoff      the longest wait between retries of a batch while the database is unavailable
 *                             ({@code SINK_RETRY_MAX_BACKOFF}); waits start at 100 ms and double
 * @param sessionTimeout       how long the group waits for a silent instance (one killed with -9) before moving its
 *                             partitions to the others ({@code SINK_SESSION_TIMEOUT}; the broker allows 6 s to 30 min)
 * @param timeouts             how long the sink waits on PostgreSQL ({@code SINK_STATEMENT_TIMEOUT},
 *                             {@code SINK_LOCK_TIMEOUT}, {@code SINK_SOCKET_TIMEOUT})
 * @param maxCommitWait        the longest records may wait for a commit before readiness turns 503
 *                             ({@code SINK_MAX_COMMIT_WAIT})
 * @param opsHost              the interface the ops port binds to ({@code SINK_OPS_HOST})
 */
public record SinkConfig(
        KafkaConnection kafka,
        DatabaseConfig database,
        String historyTopic,
        String groupId,
        int maxBatch,
        Duration pollTimeout,
        int dbPoolSize,
        Map<String, String> providerDisplayNames,
        int opsPort,
        Duration retryMaxBackoff,
        Duration sessionTimeout,
        DatabaseTimeouts timeouts,
        Duration maxCommitWait,
        String opsHost) {

    public static final String DEFAULT_GROUP_ID = "price-sink";
    public static final int DEFAULT_MAX_BATCH = 20_000;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    public static final int DEFAULT_DB_POOL_SIZE = 3;
    public static final int DEFAULT_OPS_PORT = 8082;
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    /** Kafka's own default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    public static final Duration DEFAULT_MAX_COMMIT_WAIT = Duration.ofSeconds(30);
    /**
     * A write is waited for without polling Kafka, so it must end (or be aborted) well within the consumer's
     * max.poll.interval.ms (5 min), or the group would take this instance's partitions away meanwhile.
     */
    static final Duration MAX_SOCKET_TIMEOUT = Duration.ofMinutes(2);

    private static final Pattern GROUP_ID = Pattern.compile("^[A-Za-z0-9._-]{1,200}$");

    public SinkConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(historyTopic, "historyTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(retryMaxBackoff, "retryMaxBackoff");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(maxCommitWait, "maxCommitWait");
        providerDisplayNames = Map.copyOf(providerDisplayNames);
        if (maxBatch < 1) {
            throw new ConfigException("SINK_MAX_BATCH must be at least 1, got " + maxBatch);
        }
        if (retryMaxBackoff.compareTo(INITIAL_BACKOFF) < 0) {
            throw new ConfigException("SINK_RETRY_MAX_BACKOFF must be at least " + INITIAL_BACKOFF.toMillis() + "ms, got " + retryMaxBackoff);
        }
        if (timeouts.socket().compareTo(timeouts.statement()) <= 0) {
            throw new ConfigException("SINK_SOCKET_TIMEOUT must be longer than SINK_STATEMENT_TIMEOUT (so that PostgreSQL "
                    + "cancels a slow statement before the sink gives up on the connection), got " + timeouts.socket()
                    + " and " + timeouts.statement());
        }
    }

    /** A configuration with Kafka's default session timeout and the default database timeouts. */
    public SinkConfig(KafkaConnection kafka, DatabaseConfig database, String historyTopic, String groupId, int maxBatch,
                      Duration pollTimeout, int dbPoolSize, Map<String, String> providerDisplayNames, int opsPort,
                      Duration retryMaxBackoff) {
        this(kafka, database, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames, opsPort,
                retryMaxBackoff, DEFAULT_SESSION_TIMEOUT, DatabaseTimeouts.DEFAULT, DEFAULT_MAX_COMMIT_WAIT, OpsServer.DEFAULT_HOST);
    }

    public SinkConfig withTimeouts(DatabaseTimeouts value) {
        return new SinkConfig(kafka, database, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames,
                opsPort, retryMaxBackoff, sessionTimeout, value, maxCommitWait, opsHost);
    }

    public SinkConfig withMaxCommitWait(Duration value) {
        return new SinkConfig(kafka, database, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames,
                opsPort, retryMaxBackoff, sessionTimeout, timeouts, value, opsHost);
    }

    public static SinkConfig from(Env env) {
        return new SinkConfig(
                KafkaConnection.from(env),
                DatabaseConfig.from(env, "postgres"),
                TopicName.from(env, "TOPIC_PRICE_HISTORY", Topics.PRICE_HISTORY),
                env.string("SINK_GROUP_ID", DEFAULT_GROUP_ID, GROUP_ID, "1 to 200 letters, digits, . _ or -"),
                env.integer("SINK_MAX_BATCH", DEFAULT_MAX_BATCH, 1, 100_000),
                env.duration("SINK_POLL_TIMEOUT", DEFAULT_POLL_TIMEOUT, Duration.ofMillis(1), Duration.ofSeconds(10)),
                env.integer("SINK_DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE, 2, 64),
                displayNames(env.string("PROVIDER_DISPLAY_NAMES", "")),
                env.integer("SINK_OPS_PORT", DEFAULT_OPS_PORT, 0, 65_535),
                env.duration("SINK_RETRY_MAX_BACKOFF", DEFAULT_RETRY_MAX_BACKOFF, INITIAL_BACKOFF, Duration.ofHours(1)),
                env.duration("SINK_SESSION_TIMEOUT", DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(6), Duration.ofMinutes(30)),
                timeouts(env),
                env.duration("SINK_MAX_COMMIT_WAIT", DEFAULT_MAX_COMMIT_WAIT, Duration.ofSeconds(1), Duration.ofHours(1)),
                OpsServer.host(env, "SINK_OPS_HOST"));
    }

    private static DatabaseTimeouts timeouts(Env env) {
        DatabaseTimeouts defaults = DatabaseTimeouts.DEFAULT;
        Duration least = Duration.ofMillis(100);
        return new DatabaseTimeouts(
                env.duration("SINK_STATEMENT_TIMEOUT", defaults.statement(), least, MAX_SOCKET_TIMEOUT),
                env.duration("SINK_LOCK_TIMEOUT", defaults.lock(), least, MAX_SOCKET_TIMEOUT),
                env.duration("SINK_SOCKET_TIMEOUT", defaults.socket(), Duration.ofSeconds(1), MAX_SOCKET_TIMEOUT));
    }

    /** The display name registered for a provider seen for the first time. */
    public String displayName(String providerCode) {
        return providerDisplayNames.getOrDefault(providerCode, providerCode);
    }

    /** Parses {@code polygon=Polygon.io,iex=IEX Cloud}. */
    static Map<String, String> displayNames(String value) {
        Map<String, String> names = new LinkedHashMap<>();
        if (value.isBlank()) {
            return names;
        }
        for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            String code = equals < 0 ? "" : entry.substring(0, equals).trim();
            String name = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (!TickParser.PROVIDER.matcher(code).matches() || name.isEmpty() || name.length() > 100) {
                throw new ConfigException("PROVIDER_DISPLAY_NAMES must be a comma-separated list of code=Display Name "
                        + "(code lower-case, name 1 to 100 characters), e.g. polygon=Polygon.io,iex=IEX Cloud; got \"" + entry.trim() + "\"");
            }
            names.put(code, name);
        }
        return names;
    }
}
