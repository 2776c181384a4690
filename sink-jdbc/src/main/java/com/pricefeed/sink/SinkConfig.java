package com.pricefeed.sink;

import com.pricefeed.database.Roles;
import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.sink.partitions.HistoryPartitioning;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the sink needs, read once from the environment by {@link Main} (or the all-in-one launcher) through
 * the declarations of {@link SinkSettings}.
 *
 * @param kafka                where the broker is
 * @param database             where PostgreSQL is, and the role the sink writes as: {@code DATABASE_USER}, default
 *                             {@code price_sink}, which owns nothing and may only write the price tables (migration V12)
 * @param historyTopic         the topic to consume ({@code TOPIC_PRICE_HISTORY})
 * @param groupId              the consumer group; also the key of the positions in {@code sink_offsets} ({@code SINK_GROUP_ID})
 * @param maxBatch             the most records written in one transaction ({@code SINK_MAX_BATCH})
 * @param pollTimeout          how long one poll waits for records ({@code SINK_POLL_TIMEOUT})
 * @param dbPoolSize           connections in the pool: one writes, one reads positions of newly assigned partitions,
 *                             one answers readiness ({@code SINK_DB_POOL_SIZE})
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
 * @param migration            the same database as the role that owns the schema: it creates the database when missing
 *                             and applies the migrations ({@code DATABASE_MIGRATION_USER},
 *                             {@code DATABASE_MIGRATION_PASSWORD}; see {@link #migration(Env, DatabaseConfig)})
 * @param partitioning         how the history's partitions are kept, and its retention ({@code HISTORY_*})
 * @param candles              whether each batch also maintains the one-minute bars ({@code SINK_CANDLES}, default
 *                             true); a sink run without them leaves the bars missing its ticks for good
 * @param masterVacuumAfter    master rows this sink updates between two runs of {@code VACUUM realtime_symbols}, which
 *                             bound the table's dead row versions where autovacuum is off or slow; 0 never runs it
 *                             ({@code SINK_MASTER_VACUUM_AFTER})
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
        DatabaseConfig migration,
        HistoryPartitioning partitioning,
        boolean candles,
        int masterVacuumAfter,
        String opsHost) {

    public static final int DEFAULT_MAX_BATCH = SinkSettings.MAX_BATCH.defaultValue();
    /** The role that migrates when neither DATABASE_MIGRATION_USER nor DATABASE_USER is set: the local demo's superuser. */
    public static final String DEFAULT_MIGRATION_USER = "postgres";

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
        Objects.requireNonNull(migration, "migration");
        if (migration.user().equals(Roles.PRICE_SINK)) {
            throw new ConfigException("DATABASE_MIGRATION_USER must be the role that owns the schema (a superuser, or a "
                    + "role with CREATE on the database and schema public); " + Roles.PRICE_SINK + " may only write rows. "
                    + "Set DATABASE_MIGRATION_USER and DATABASE_MIGRATION_PASSWORD");
        }
        Objects.requireNonNull(partitioning, "partitioning");
        providerDisplayNames = Map.copyOf(providerDisplayNames);
        if (maxBatch < 1) {
            throw new ConfigException("SINK_MAX_BATCH must be at least 1, got " + maxBatch);
        }
        if (retryMaxBackoff.compareTo(SinkSettings.INITIAL_BACKOFF) < 0) {
            throw new ConfigException("SINK_RETRY_MAX_BACKOFF must be at least " + SinkSettings.INITIAL_BACKOFF.toMillis() + "ms, got " + retryMaxBackoff);
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
                retryMaxBackoff, SinkSettings.SESSION_TIMEOUT.defaultValue(), DatabaseTimeouts.DEFAULT,
                SinkSettings.MAX_COMMIT_WAIT.defaultValue(), database,
                HistoryPartitioning.DEFAULT, true,
                SinkSettings.MASTER_VACUUM_AFTER.defaultValue(), OpsServer.DEFAULT_HOST);
    }

    public SinkConfig withTimeouts(DatabaseTimeouts value) {
        return new SinkConfig(kafka, database, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames,
                opsPort, retryMaxBackoff, sessionTimeout, value, maxCommitWait, migration, partitioning, candles, masterVacuumAfter, opsHost);
    }

    public SinkConfig withMaxCommitWait(Duration value) {
        return new SinkConfig(kafka, database, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames,
                opsPort, retryMaxBackoff, sessionTimeout, timeouts, value, migration, partitioning, candles, masterVacuumAfter, opsHost);
    }

    /** The same settings, writing as {@code writer} while {@link #migration} still migrates. */
    public SinkConfig writingAs(DatabaseConfig writer) {
        return new SinkConfig(kafka, writer, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames,
                opsPort, retryMaxBackoff, sessionTimeout, timeouts, maxCommitWait, migration, partitioning, candles, masterVacuumAfter, opsHost);
    }

    public SinkConfig withPartitioning(HistoryPartitioning value) {
        return new SinkConfig(kafka, database, historyTopic, groupId, maxBatch, pollTimeout, dbPoolSize, providerDisplayNames,
                opsPort, retryMaxBackoff, sessionTimeout, timeouts, maxCommitWait, migration, value, candles, masterVacuumAfter, opsHost);
    }

    public static SinkConfig from(Env env) {
        DatabaseConfig database = DatabaseConfig.from(env);
        return new SinkConfig(
                KafkaConnection.from(env),
                database,
                SharedSettings.TOPIC_PRICE_HISTORY.read(env),
                SinkSettings.GROUP_ID.read(env),
                SinkSettings.MAX_BATCH.read(env),
                SinkSettings.POLL_TIMEOUT.read(env),
                SinkSettings.DB_POOL_SIZE.read(env),
                displayNames(SinkSettings.PROVIDER_DISPLAY_NAMES.read(env)),
                SinkSettings.OPS_PORT.read(env),
                SinkSettings.RETRY_MAX_BACKOFF.read(env),
                SinkSettings.SESSION_TIMEOUT.read(env),
                new DatabaseTimeouts(SinkSettings.STATEMENT_TIMEOUT.read(env), SinkSettings.LOCK_TIMEOUT.read(env),
                        SinkSettings.SOCKET_TIMEOUT.read(env)),
                SinkSettings.MAX_COMMIT_WAIT.read(env),
                migration(env, database),
                HistoryPartitioning.from(env),
                SinkSettings.CANDLES.read(env),
                SinkSettings.MASTER_VACUUM_AFTER.read(env),
                SinkSettings.OPS_HOST.read(env));
    }

    /**
     * The role that migrates: {@code DATABASE_MIGRATION_USER} with {@code DATABASE_MIGRATION_PASSWORD}; when that user
     * is unset, the one of {@code DATABASE_USER} and {@code DATABASE_PASSWORD} if those name a role (one role migrating
     * and writing, as before the two were told apart), else {@code postgres} with no password.
     */
    static DatabaseConfig migration(Env env, DatabaseConfig writer) {
        String user = SharedSettings.DATABASE_MIGRATION_USER.read(env);
        String password = SharedSettings.DATABASE_MIGRATION_PASSWORD.read(env);
        if (user == null && env.string(SharedSettings.DATABASE_USER.name(), null) != null) {
            return new DatabaseConfig(writer.url(), writer.user(), password == null ? writer.password() : password);
        }
        return new DatabaseConfig(writer.url(), user == null ? DEFAULT_MIGRATION_USER : user,
                password == null ? "" : password);
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
