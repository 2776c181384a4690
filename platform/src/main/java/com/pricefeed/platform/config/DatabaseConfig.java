package com.pricefeed.platform.config;

import java.util.regex.Pattern;

/**
 * How a service reaches PostgreSQL.
 *
 * @param url      a {@code jdbc:postgresql://} URL ({@code DATABASE_URL})
 * @param user     the role to connect as ({@code DATABASE_USER})
 * @param password its password, possibly empty ({@code DATABASE_PASSWORD})
 */
public record DatabaseConfig(String url, String user, String password) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/prices";
    private static final Pattern JDBC_POSTGRESQL = Pattern.compile("^jdbc:postgresql://.+");

    public static DatabaseConfig from(Env env, String defaultUser) {
        return new DatabaseConfig(
                env.string("DATABASE_URL", DEFAULT_URL, JDBC_POSTGRESQL, "a URL starting with jdbc:postgresql://"),
                env.string("DATABASE_USER", defaultUser),
                env.string("DATABASE_PASSWORD", ""));
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + Secrets.url(url) + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
