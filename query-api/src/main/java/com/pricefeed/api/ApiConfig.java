package com.pricefeed.api;

import com.pricefeed.database.Roles;
import com.pricefeed.api.admin.AdminGuard;
import com.pricefeed.api.stream.StreamSettings;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the query API is configured with, read once from the environment in {@link Main}.
 *
 * @param host               interface to listen on ({@code HTTP_HOST}, default {@code 127.0.0.1})
 * @param port               port to listen on ({@code HTTP_PORT}, default 8080; 0 picks a free port)
 * @param database           how to reach PostgreSQL: {@code DATABASE_URL} shared with the sink, but the API's own
 *                           read-only role ({@code API_DATABASE_USER}, default {@code price_api}, created by the
 *                           sink's migration V3; {@code API_DATABASE_PASSWORD}, default empty). {@code DATABASE_USER}
 *                           and {@code DATABASE_PASSWORD} are the sink's and are not read here.
 * @param poolSize           maximum database connections of the API's pool ({@code API_DB_POOL_SIZE}, default 8)
 * @param connectTimeout     how long a request waits for a pooled connection before it is answered 503
 *                           ({@code API_DB_CONNECT_TIMEOUT}, default 2s)
 * @param bulkMaxSymbols     most symbols one bulk or stream request may name ({@code BULK_MAX_SYMBOLS}, default 500)
 * @param historyMaxLimit    largest page of history rows ({@code HISTORY_MAX_LIMIT}, default 1000)
 * @param priceMaxStaleness  how far a current price served may lag the committed master row: lookups are answered
 *                           from the rows the stream follows while those are this fresh, from the database otherwise
 *                           ({@code PRICE_MAX_STALENESS}, default 2s; 0 reads the database on every lookup)
 * @param resyncInterval     how often the follower of committed rows also reads every master row committed since its
 *                           previous such read, catching a write that sent no notification
 *                           ({@code PRICE_RESYNC_INTERVAL}, default 30s)
 * @param listenTimeout      how long the follower's listening connection may go without an answer from PostgreSQL:
 *                           its connect and socket timeout, and the age of the last confirmed read beyond which
 *                           readiness answers 503 ({@code API_LISTEN_TIMEOUT}, default 10s)
 * @param staleAfter         a symbol whose last update is older than this counts as stale ({@code STALE_AFTER}, default 5m)
 * @param tickWindow         the recent interval the admin figures count each provider's ticks over
 *                           ({@code ADMIN_TICK_WINDOW}, default 1m)
 * @param adminToken         bearer token the admin routes require; when absent they answer loopback callers only
 *                           ({@code ADMIN_TOKEN}, optional)
 * @param streamHeartbeat    interval of SSE heartbeat comments ({@code STREAM_HEARTBEAT}, default 15s)
 * @param streamClientBuffer events buffered per stream client before it is dropped as too slow
 *                           ({@code STREAM_CLIENT_BUFFER}, default 256)
 * @param streamMaxClients   concurrent stream clients beyond which new ones are answered 503
 *                           ({@code STREAM_MAX_CLIENTS}, default 5000)
 * @param streamMaxClientsPerAddress concurrent stream clients from one remote address beyond which its new ones are
 *                           answered 429 ({@code STREAM_MAX_CLIENTS_PER_ADDRESS}, default 100)
 * @param streamWriteTimeout how long a stream client's connection may take nothing before the client is dropped
 *                           ({@code STREAM_WRITE_TIMEOUT}, default 10s)
 * @param rateLimit          requests per second one client IP may make, with bursts of the same size, beyond which it
 *                           is answered 429 ({@code API_RATE_LIMIT}, default 1000; 0 turns the limit off)
 */
public record ApiConfig(
        String host,
        int port,
        DatabaseConfig database,
        int poolSize,
        Duration connectTimeout,
        int bulkMaxSymbols,
        int historyMaxLimit,
        Duration priceMaxStaleness,
        Duration resyncInterval,
        Duration listenTimeout,
        Duration staleAfter,
        Duration tickWindow,
        Optional<String> adminToken,
        Duration streamHeartbeat,
        int streamClientBuffer,
        int streamMaxClients,
        int streamMaxClientsPerAddress,
        Duration streamWriteTimeout,
        int rateLimit) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATABASE_USER = Roles.PRICE_API;
    public static final int DEFAULT_RATE_LIMIT = 1000;
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.:\\-\\[\\]]+$");

    public ApiConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(priceMaxStaleness, "priceMaxStaleness");
        Objects.requireNonNull(resyncInterval, "resyncInterval");
        Objects.requireNonNull(listenTimeout, "listenTimeout");
        Objects.requireNonNull(streamWriteTimeout, "streamWriteTimeout");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(tickWindow, "tickWindow");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(streamHeartbeat, "streamHeartbeat");
    }

    public static ApiConfig from(Env env) {
        ApiConfig config = new ApiConfig(
                env.string("HTTP_HOST", DEFAULT_HOST, HOST, "a host name or IP address to listen on"),
                env.integer("HTTP_PORT", DEFAULT_PORT, 0, 65535),
                database(env),
                env.integer("API_DB_POOL_SIZE", 8, 1, 200),
                env.duration("API_DB_CONNECT_TIMEOUT", Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofMinutes(1)),
                env.integer("BULK_MAX_SYMBOLS", 500, 1, 10_000),
                env.integer("HISTORY_MAX_LIMIT", 1000, 1, 100_000),
                env.duration("PRICE_MAX_STALENESS", Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1)),
                env.duration("PRICE_RESYNC_INTERVAL", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                env.duration("API_LISTEN_TIMEOUT", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5)),
                env.duration("STALE_AFTER", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(365)),
                env.duration("ADMIN_TICK_WINDOW", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(1)),
                Optional.ofNullable(env.string("ADMIN_TOKEN", null)),
                env.duration("STREAM_HEARTBEAT", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofMinutes(10)),
                env.integer("STREAM_CLIENT_BUFFER", 256, 1, 100_000),
                env.integer("STREAM_MAX_CLIENTS", 5000, 1, 1_000_000),
                env.integer("STREAM_MAX_CLIENTS_PER_ADDRESS", 100, 1, 1_000_000),
                env.duration("STREAM_WRITE_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                env.integer("API_RATE_LIMIT", DEFAULT_RATE_LIMIT, 0, 1_000_000));
        AdminGuard.requireUsableToken(config.host(), config.adminToken());
        return config;
    }

    /** The shared database URL with the API's own role, so the sink's {@code DATABASE_USER} never leaks in. */
    private static DatabaseConfig database(Env env) {
        String url = DatabaseConfig.from(env, DEFAULT_DATABASE_USER).url();
        return new DatabaseConfig(url, env.string("API_DATABASE_USER", DEFAULT_DATABASE_USER),
                env.string("API_DATABASE_PASSWORD", ""));
    }

    /**
     * A configuration for tests and the all-in-one launcher: loopback, a free port, the given database, and the
     * remaining settings from {@code env} (or their defaults).
     */
    public static ApiConfig local(DatabaseConfig database, Env env) {
        ApiConfig config = from(env);
        return new ApiConfig("127.0.0.1", 0, database, config.poolSize, config.connectTimeout, config.bulkMaxSymbols,
                config.historyMaxLimit, config.priceMaxStaleness, config.resyncInterval, config.listenTimeout,
                config.staleAfter, config.tickWindow, config.adminToken, config.streamHeartbeat, config.streamClientBuffer,
                config.streamMaxClients, config.streamMaxClientsPerAddress, config.streamWriteTimeout, config.rateLimit);
    }

    /** How the stream treats its clients. */
    public StreamSettings streamSettings() {
        return new StreamSettings(streamHeartbeat, streamClientBuffer, streamMaxClients, streamMaxClientsPerAddress,
                streamWriteTimeout);
    }

    public static ApiConfig local(DatabaseConfig database) {
        return local(database, new Env(Map.of()));
    }

    @Override
    public String toString() {
        return "ApiConfig[host=" + host + ", port=" + port + ", database=" + database + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", bulkMaxSymbols=" + bulkMaxSymbols
                + ", historyMaxLimit=" + historyMaxLimit + ", priceMaxStaleness=" + priceMaxStaleness
                + ", resyncInterval=" + resyncInterval + ", listenTimeout=" + listenTimeout
                + ", staleAfter=" + staleAfter + ", tickWindow=" + tickWindow
                + ", adminToken=" + (adminToken.isPresent() ? "****" : "(none: admin answers loopback callers only)")
                + ", streamHeartbeat=" + streamHeartbeat + ", streamClientBuffer=" + streamClientBuffer + ", streamMaxClients=" + streamMaxClients
                + ", streamMaxClientsPerAddress=" + streamMaxClientsPerAddress + ", streamWriteTimeout=" + streamWriteTimeout
                + ", rateLimit=" + (rateLimit == 0 ? "off" : rateLimit + "/s per client IP") + "]";
    }
}
