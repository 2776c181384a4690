package com.pricefeed.platform.ops;

import com.pricefeed.platform.config.Setting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.time.Duration;

/**
 * The operator's port of a headless service (processor, sink): {@code /health/live}, {@code /health/ready} and
 * {@code /metrics} in Prometheus text format. It runs on Jetty, like the API: requests are read and responses written
 * without holding a thread while the client is slow, so a client that sends half a request or stops reading the
 * answer delays no other; the idle timeout then closes its connection.
 */
public final class OpsServer implements AutoCloseable {

    /** Every interface, so that an orchestrator's probes and a Prometheus server elsewhere reach it. */
    public static final String DEFAULT_HOST = "0.0.0.0";

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Handlers get what the acceptor and selector leave: enough for probes and scrapes that arrive together. */
    private static final int MAX_THREADS = 8;

    private final Server server;
    private final ServerConnector connector;

    /** Binds the port (0 picks a free one); {@link #start()} then serves it. */
    public OpsServer(String host, int port, PrometheusMeterRegistry registry, Health readiness) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("ops-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new Routes(registry, readiness));
        connector.open();
    }

    /** The setting of the interface an ops port binds to (e.g. {@code SINK_OPS_HOST}). */
    public static Setting<String> hostSetting(String name, String documentation) {
        return Setting.listenAddress(name, DEFAULT_HOST, documentation);
    }

    public OpsServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the ops server on port " + port(), e);
        }
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the ops server", e);
        }
    }

    /** The three routes; anything else is answered 404 by Jetty. */
    private static final class Routes extends Handler.Abstract {

        private final PrometheusMeterRegistry registry;
        private final Health readiness;

        Routes(PrometheusMeterRegistry registry, Health readiness) {
            this.registry = registry;
            this.readiness = readiness;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!path.equals("/health/live") && !path.equals("/health/ready") && !path.equals("/metrics")) {
                return false;
            }
            if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                respond(response, callback, 405, JSON, "{\"status\":\"method not allowed\"}");
                return true;
            }
            switch (path) {
                case "/health/live" -> respond(response, callback, 200, JSON, "{\"status\":\"UP\"}");
                case "/health/ready" -> ready(response, callback);
                default -> respond(response, callback, 200, PROMETHEUS_TEXT, registry.scrape());
            }
            return true;
        }

        private void ready(Response response, Callback callback) {
            Health.Status status = readiness.check();
            respond(response, callback, status.ready() ? 200 : 503, JSON,
                    "{\"status\":\"" + (status.ready() ? "UP" : "DOWN") + "\",\"detail\":\"" + jsonEscape(status.detail()) + "\"}");
        }

        /** Hands the body to Jetty, which writes it as the client takes it; no thread waits for that. */
        private static void respond(Response response, Callback callback, int status, String contentType, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            Content.Sink.write(response, true, body, callback);
        }

        private static String jsonEscape(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        }
    }
}
