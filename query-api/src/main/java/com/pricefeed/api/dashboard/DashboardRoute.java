package com.pricefeed.api.dashboard;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /}: a one-page dashboard that follows the live stream in the browser. */
public final class DashboardRoute {

    public static final String PATH = "/";
    private static final String RESOURCE = "/dashboard/index.html";

    private final byte[] page;

    public DashboardRoute() {
        try (InputStream in = DashboardRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
                .result(page));
    }
}
