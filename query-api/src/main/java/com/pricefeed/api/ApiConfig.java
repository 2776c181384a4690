package com.pricefeed.api;

import com.pricefeed.api.admin.AdminGuard;
import com.pricefeed.api.stream.StreamSettings;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the query API is configured with, read once from the environment in {@link Main} through the
 * declarations of {@link ApiSettings}.
 *
 * @param host               interface to listen on ({@code HTTP_HOST})
 * @param port               port to listen on ({@code HTTP_PORT}; 0 picks a free port)
 * @param database           how to reach PostgreSQL: {@code DATABASE_URL} shared with the sink, but the API's own
 *                           read-only role ({@code API_DATABASE_USER}, created by the
 *                           sink's migration V3; {@code API_DATABASE_PASSWORD}). {@code DATABASE_USER}
 *                           and {@code DATABASE_PASSWORD} are the sink's and are not read here.
 * @param poolSize           maximum database connections of the API's pool ({@code API_DB_POOL_SIZE})
 * @param connectTimeout     how long a request waits for a pooled connection before it is answered 503
 *                           ({@code API_DB_CONNECT_TIMEOUT})
 * @param bulkMaxSymbols     most symbols one bulk or stream request may name ({@code BULK_MAX_SYMBOLS})
 * @param historyMaxLimit    largest page of history rows ({@code HISTORY_MAX_LIMIT})
 * @param priceMaxStaleness  how far a current price served may lag the committed master row: lookups are answered
 *                           from the rows the stream follows while those are this fresh, from the database otherwise
 *                           ({@code PRICE_MAX_STALENESS}; 0 reads the database on every lookup)
 * @param resyncInterval     how often the follower of committed rows also reads every master row committed since its
 *                           previous such read, catching a write that sent no notification
 *                           ({@code PRICE_RESYNC_INTERVAL})
 * @param listenTimeout      how long the follower's listening connection may go without an answer from PostgreSQL:
 *                           its connect and socket timeout, and the age of the last confirmed read beyond which
 *                           readiness answers 503 ({@code API_LISTEN_TIMEOUT})
 * @param staleAfter         a symbol whose last update is older than this counts as stale ({@code STALE_AFTER})
 * @param tickWindow         the recent interval the admin figures count each provider's ticks over
 *                           ({@code ADMIN_TICK_WINDOW})
 * @param adminToken         bearer token the admin routes require; when absent they answer loopback callers only
 *                           ({@code ADMIN_TOKEN}, optional)
 * @param streamHeartbeat    interval of SSE heartbeat comments ({@code STREAM_HEARTBEAT})
 * @param streamClientBuffer events buffered per stream client before it is dropped as too slow
 *                           ({@code STREAM_CLIENT_BUFFER})
 * @param streamMaxClients   concurrent stream clients beyond which new ones are answered 503
 *                           ({@code STREAM_MAX_CLIENTS})
 * @param streamMaxClientsPerAddress concurrent stream clients from one remote address beyond which its new ones are
 *                           answered 429 ({@code STREAM_MAX_CLIENTS_PER_ADDRESS})
 * @param streamWriteTimeout how long a stream client's connection may take nothing before the client is dropped
 *                           ({@code STREAM_WRITE_TIMEOUT})
 * @param rateLimit          requests per second one client IP may make, with bursts of the same size, beyond which it
 *                           is answered 429 ({@code API_RATE_LIMIT}; 0 turns the limit off)
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

    public static final String DEFAULT_DATABASE_USER = ApiSettings.DATABASE_USER.defaultValue();

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
                ApiSettings.HOST.read(env),
                ApiSettings.PORT.read(env),
                DatabaseConfig.from(env, ApiSettings.DATABASE_USER, ApiSettings.DATABASE_PASSWORD),
                ApiSettings.DB_POOL_SIZE.read(env),
                ApiSettings.DB_CONNECT_TIMEOUT.read(env),
                ApiSettings.BULK_MAX_SYMBOLS.read(env),
                ApiSettings.HISTORY_MAX_LIMIT.read(env),
                ApiSettings.PRICE_MAX_STALENESS.read(env),
                ApiSettings.PRICE_RESYNC_INTERVAL.read(env),
                ApiSettings.LISTEN_TIMEOUT.read(env),
                ApiSettings.STALE_AFTER.read(env),
                ApiSettings.ADMIN_TICK_WINDOW.read(env),
                Optional.ofNullable(ApiSettings.ADMIN_TOKEN.read(env)),
                ApiSettings.STREAM_HEARTBEAT.read(env),
                ApiSettings.STREAM_CLIENT_BUFFER.read(env),
                ApiSettings.STREAM_MAX_CLIENTS.read(env),
                ApiSettings.STREAM_MAX_CLIENTS_PER_ADDRESS.read(env),
                ApiSettings.STREAM_WRITE_TIMEOUT.read(env),
                ApiSettings.RATE_LIMIT.read(env));
        AdminGuard.requireUsableToken(config.host(), config.adminToken());
        return config;
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
                + ", adminToken=" + ApiSettings.ADMIN_TOKEN.shown(adminToken)
                + ", streamHeartbeat=" + streamHeartbeat + ", streamClientBuffer=" + streamClientBuffer + ", streamMaxClients=" + streamMaxClients
                + ", streamMaxClientsPerAddress=" + streamMaxClientsPerAddress + ", streamWriteTimeout=" + streamWriteTimeout
                + ", rateLimit=" + (rateLimit == 0 ? "off" : rateLimit + "/s per client IP") + "]";
    }
}
