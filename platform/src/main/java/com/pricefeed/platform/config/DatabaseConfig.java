package com.pricefeed.platform.config;

import java.util.regex.Pattern;

/**
 * How a service reaches PostgreSQL.
 *
 * @param url      a {@code jdbc:postgresql://} URL ({@code DATABASE_URL}); TLS settings go in its query string
 *                 ({@code ?sslmode=verify-full&sslrootcert=/path/ca.crt})
 * @param user     the role to connect as ({@code DATABASE_USER})
 * @param password its password, possibly empty ({@code DATABASE_PASSWORD})
 */
public record DatabaseConfig(String url, String user, String password) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/prices";
    private static final Pattern JDBC_POSTGRESQL = Pattern.compile("^jdbc:postgresql://.+");
    /** A query parameter that holds a secret: {@code password=}, {@code sslpassword=}. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;][^=&;#]*password=)[^&;#]*");
    /** The password of a {@code scheme://user:password@host} URL, the form libpq and most tools take. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

    public static DatabaseConfig from(Env env, String defaultUser) {
        String url = env.string("DATABASE_URL", DEFAULT_URL);
        if (!JDBC_POSTGRESQL.matcher(url).matches()) {
            throw new ConfigException("DATABASE_URL must be a URL starting with jdbc:postgresql://, got \"" + redact(url) + "\"");
        }
        return new DatabaseConfig(url, env.string("DATABASE_USER", defaultUser), env.string("DATABASE_PASSWORD", ""));
    }

    /** {@code url} with the values of its password parameters, and any password before its host, masked. */
    public static String redact(String url) {
        String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1****");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1****@");
    }

    /** The URL as it may be logged or shown: {@link #redact redacted}. */
    public String redactedUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + redactedUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
