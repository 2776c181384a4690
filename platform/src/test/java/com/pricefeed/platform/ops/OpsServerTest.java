package com.pricefeed.platform.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OpsServerTest {

    private static final int SLOW_CLIENTS = 20;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Health.Status> readiness = new AtomicReference<>(Health.Status.up());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> slowClients = new ArrayList<>();
    private OpsServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : slowClients) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerProbesWhileOtherClientsSendHalfARequestOrStopReadingTheAnswer() throws IOException {
        // Metrics too large for the socket buffers, so a client that reads none of them holds its response open.
        for (int i = 0; i < 20_000; i++) {
            Counter.builder("padding").tag("series", "a-rather-long-tag-value-" + i).register(registry);
        }
        start();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slowClients.add(slowClient("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            slowClients.add(slowClient("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        }

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerNotReadyWithTheReason() throws IOException {
        start();
        readiness.set(Health.Status.down("sink cannot commit"));

        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"detail\":\"sink cannot commit\"}");
    }

    @Test
    void shouldServeMetricsInPrometheusTextFormat() throws IOException {
        Counter.builder("ticks").register(registry).increment();
        start();

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("ticks_total 1.0");
    }

    @Test
    void shouldAnswerOnlyGetAndHeadOnItsRoutesAndNothingElsewhere() throws IOException {
        start();

        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/health/live")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    private void start() throws IOException {
        server = new OpsServer("127.0.0.1", 0, registry, readiness::get).start();
    }

    private Socket slowClient(String request) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
