package com.pricefeed.api;

import com.pricefeed.database.Roles;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.Settings;
import com.pricefeed.platform.config.SharedSettings;

import java.time.Duration;

import static com.pricefeed.platform.config.Settings.group;

/** The query API's settings, declared once: {@link ApiConfig} reads them, the docs and --help show them. */
public final class ApiSettings {

    public static final Setting<String> HOST = Setting.listenAddress("HTTP_HOST", "127.0.0.1",
            "interface to listen on; any other than loopback (e.g. `0.0.0.0` in a container) requires `ADMIN_TOKEN`");
    public static final Setting<Integer> PORT = Setting.integer("HTTP_PORT", 8080, 0, 65_535,
            "port to listen on (0 picks a free one)");
    public static final Setting<String> DATABASE_USER = Setting.string("API_DATABASE_USER", Roles.PRICE_API,
            "the API's read-only role (the sink's migrations create it; `DATABASE_USER` and `DATABASE_PASSWORD` are "
                    + "the sink's and not read here)");
    public static final Setting<String> DATABASE_PASSWORD = Setting.string("API_DATABASE_PASSWORD", "",
            "its password").masked();
    public static final Setting<Integer> DB_POOL_SIZE = Setting.integer("API_DB_POOL_SIZE", 8, 1, 200,
            "most pooled database connections");
    public static final Setting<Duration> DB_CONNECT_TIMEOUT = Setting.duration("API_DB_CONNECT_TIMEOUT",
            Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofMinutes(1),
            "longest wait for a connection before answering 503");
    public static final Setting<Integer> RATE_LIMIT = Setting.integer("API_RATE_LIMIT", 1000, 0, 1_000_000,
            "requests per second per client IP, bursts of the same size, counted apart for `/api/` routes and for "
                    + "`/health/*` and `/metrics`; `0` turns it off");
    public static final Setting<Integer> BULK_MAX_SYMBOLS = Setting.integer("BULK_MAX_SYMBOLS", 500, 1, 10_000,
            "most symbols in one bulk or stream request; the request-head limit grows with it (8 KiB + 33 bytes a "
                    + "symbol), so the longest list fits however it is percent-encoded");
    public static final Setting<Integer> HISTORY_MAX_LIMIT = Setting.integer("HISTORY_MAX_LIMIT", 1000, 1, 100_000,
            "largest history page");
    public static final Setting<Duration> PRICE_MAX_STALENESS = Setting.duration("PRICE_MAX_STALENESS",
            Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1),
            "most a current price served may lag the committed master row (see "
                    + "[Freshness](api.md#freshness-of-current-prices)); `0` reads the database on every lookup");
    public static final Setting<Duration> PRICE_RESYNC_INTERVAL = Setting.duration("PRICE_RESYNC_INTERVAL",
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1),
            "how often the API also reads every master row committed since its previous such read (a walk over "
                    + "`realtime_symbols` by key, 500 symbols per read), to catch a write that sent no notification");
    public static final Setting<Duration> LISTEN_TIMEOUT = Setting.duration("API_LISTEN_TIMEOUT", Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofMinutes(5),
            "longest the API's listening connection may go without an answer from PostgreSQL (its connect and socket "
                    + "timeout): it is then replaced, and `/health/ready` answers 503 meanwhile");
    public static final Setting<Duration> STALE_AFTER = Setting.duration("STALE_AFTER", Duration.ofMinutes(5),
            Duration.ofSeconds(1), Duration.ofDays(365), "age beyond which the admin figures count a symbol stale");
    public static final Setting<Duration> ADMIN_TICK_WINDOW = Setting.duration("ADMIN_TICK_WINDOW", Duration.ofMinutes(1),
            Duration.ofSeconds(1), Duration.ofDays(1), "window of the admin per-provider tick counts");
    public static final Setting<String> ADMIN_TOKEN = Setting.string("ADMIN_TOKEN", null,
            "bearer token for admin routes, at least 32 characters (`openssl rand -hex 32`); unset = loopback callers "
                    + "naming a loopback `Host` only, and only while `HTTP_HOST` is loopback").masked();
    public static final Setting<Duration> STREAM_HEARTBEAT = Setting.duration("STREAM_HEARTBEAT", Duration.ofSeconds(15),
            Duration.ofMillis(100), Duration.ofMinutes(10), "interval of SSE heartbeat comments");
    public static final Setting<Integer> STREAM_CLIENT_BUFFER = Setting.integer("STREAM_CLIENT_BUFFER", 256, 1, 100_000,
            "events buffered per stream client before it is dropped as too slow");
    public static final Setting<Integer> STREAM_MAX_CLIENTS = Setting.integer("STREAM_MAX_CLIENTS", 5000, 1, 1_000_000,
            "concurrent stream clients before new ones get 503");
    public static final Setting<Integer> STREAM_MAX_CLIENTS_PER_ADDRESS = Setting.integer("STREAM_MAX_CLIENTS_PER_ADDRESS",
            100, 1, 1_000_000, "concurrent stream clients from one remote address before its new ones get 429");
    public static final Setting<Duration> STREAM_WRITE_TIMEOUT = Setting.duration("STREAM_WRITE_TIMEOUT",
            Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10),
            "how long a stream client's connection may take nothing before the client is dropped");

    /** The API's own settings: the table "API" of docs/configuration.md. */
    public static final Settings.Group OWN = group("API", HOST, PORT, DATABASE_USER, DATABASE_PASSWORD, DB_POOL_SIZE,
            DB_CONNECT_TIMEOUT, RATE_LIMIT, BULK_MAX_SYMBOLS, HISTORY_MAX_LIMIT, PRICE_MAX_STALENESS,
            PRICE_RESYNC_INTERVAL, LISTEN_TIMEOUT, STALE_AFTER, ADMIN_TICK_WINDOW, ADMIN_TOKEN, STREAM_HEARTBEAT,
            STREAM_CLIENT_BUFFER, STREAM_MAX_CLIENTS, STREAM_MAX_CLIENTS_PER_ADDRESS, STREAM_WRITE_TIMEOUT);

    /** Everything the API reads. */
    public static final Settings ALL = Settings.of(group("PostgreSQL", SharedSettings.DATABASE_URL), OWN,
            group("Logging", SharedSettings.LOG_LEVEL));

    private ApiSettings() {
    }
}
