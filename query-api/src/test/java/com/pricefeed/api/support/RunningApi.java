package com.pricefeed.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pricefeed.api.ApiConfig;
import com.pricefeed.api.QueryApi;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.Env;
import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.testing.TcpProxy;
import com.pricefeed.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import org.awaitility.Awaitility;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real {@link QueryApi} on a free port over a fresh, migrated test database, and an HTTP client for it. */
public final class RunningApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database;
    private final QueryApi api;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningApi(TestDatabase database, QueryApi api) {
        this.database = database;
        this.api = api;
    }

    public static RunningApi start() {
        return start(Map.of());
    }

    /**
     * Starts the API with these environment variables over a fresh database with the schema migrated, connected as
     * the read-only role the migration creates, as in production.
     */
    public static RunningApi start(Map<String, String> environment) {
        TestDatabase database = TestDatabase.create();
        DatabaseSchema.prepare(database.config());
        return startOn(database, apiRole(database), environment).awaitReady();
    }

    /**
     * Starts the API as {@link #start(Map)} does, but reaching PostgreSQL through {@code proxy}, which the caller
     * starts in front of the database server ({@link #databaseServer}) and closes.
     */
    public static RunningApi startThrough(TcpProxy proxy, TestDatabase database, Map<String, String> environment) {
        DatabaseSchema.prepare(database.config());
        URI server = databaseServer(database);
        String url = database.config().url().replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port());
        return startOn(database, new DatabaseConfig(url, ApiConfig.DEFAULT_DATABASE_USER, ""), environment).awaitReady();
    }

    /** The host and port of the PostgreSQL server {@code database} lives on. */
    public static URI databaseServer(TestDatabase database) {
        return URI.create(database.config().url().substring("jdbc:".length()));
    }

    /** Starts the API over {@code database} as it is (migrated or not), connected as the database's owner. */
    public static RunningApi startOn(TestDatabase database, Map<String, String> environment) {
        return startOn(database, database.config(), environment);
    }

    private static RunningApi startOn(TestDatabase database, DatabaseConfig connectAs, Map<String, String> environment) {
        QueryApi api = new QueryApi(ApiConfig.local(connectAs, new Env(environment)),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
        return new RunningApi(database, api);
    }

    /** How the API reaches {@code database}: its own read-only role, without a password (trust auth on loopback). */
    public static DatabaseConfig apiRole(TestDatabase database) {
        return new DatabaseConfig(database.config().url(), ApiConfig.DEFAULT_DATABASE_USER, "");
    }

    /** Waits until {@code /health/ready} answers 200: the database is migrated and the stream is following it. */
    public RunningApi awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> get("/health/ready").statusCode() == 200);
        return this;
    }

    public TestDatabase database() {
        return database;
    }

    public PriceRows rows() {
        return new PriceRows(database);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + api.port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a request line the JDK client would refuse to build (malformed escapes, raw bytes) over a plain socket
     * and returns the whole response, head and body.
     */
    public String raw(String requestTarget) {
        return raw(requestTarget, "127.0.0.1");
    }

    /** As {@link #raw(String)}, naming {@code host} in the {@code Host} header, as a DNS-rebinding page would. */
    public String raw(String requestTarget, String host) {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        api.close();
        database.close();
    }
}
