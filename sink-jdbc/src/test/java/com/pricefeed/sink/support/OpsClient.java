package com.pricefeed.sink.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What an operator's probe sees on a sink's ops port. */
public final class OpsClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OpsClient() {
    }

    public static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code /health/ready} answers with {@code status} and a body containing {@code reason}. */
    public static boolean readiness(int port, int status, String reason) {
        HttpResponse<String> response = get(port, "/health/ready");
        return response.statusCode() == status && response.body().contains(reason);
    }
}
