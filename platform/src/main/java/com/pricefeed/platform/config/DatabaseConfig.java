package com.pricefeed.platform.config;

/**
 * How a service reaches PostgreSQL.
 *
 * @param url      a {@code jdbc:postgresql://} URL ({@link SharedSettings#DATABASE_URL}); TLS settings go in its query
 *                 string ({@code ?sslmode=verify-full&sslrootcert=/path/ca.crt})
 * @param user     the role to connect as
 * @param password its password, possibly empty
 */
public record DatabaseConfig(String url, String user, String password) {


    /** The shared URL as the sink's role ({@code DATABASE_USER}, {@code DATABASE_PASSWORD}). */
    public static DatabaseConfig from(Env env) {
        return from(env, SharedSettings.DATABASE_USER, SharedSettings.DATABASE_PASSWORD);
    }

    /** The shared URL as the role {@code user} and {@code password} name. */
    public static DatabaseConfig from(Env env, Setting<String> user, Setting<String> password) {
        return new DatabaseConfig(SharedSettings.DATABASE_URL.read(env), user.read(env), password.read(env));
    }

    /** {@code url} with every password it holds masked: {@link Secrets#url}. */
    public static String redact(String url) {
        return Secrets.url(url);
    }

    /** The URL as it may be logged or shown: {@link #redact redacted}. */
    public String redactedUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + redactedUrl() + ", user=" + user + ", password=" + SharedSettings.DATABASE_PASSWORD.shown(password) + "]";
    }
}
