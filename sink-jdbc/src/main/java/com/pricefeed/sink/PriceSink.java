package com.pricefeed.sink;

import com.pricefeed.platform.ops.Health;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.sink.consume.SinkLoop;
import com.pricefeed.sink.partitions.PartitionMaintenance;
import com.pricefeed.sink.schema.SchemaPreparation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The JDBC sink's lifecycle: consumes {@code price-history} and writes history rows, master rows and its own
 * positions to PostgreSQL, one transaction per batch, exactly once; serves /health and /metrics on its ops port.
 * Its parts are wired by {@link Main#wire}.
 *
 * <pre>{@code
 * try (PriceSink sink = Main.wire(config, registry)) {
 *     sink.start();
 *     ...
 * }
 * }</pre>
 */
public final class PriceSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceSink.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final SchemaPreparation schema;
    private final PartitionMaintenance maintenance;
    private final SinkLoop loop;
    private final Health readiness;
    private final String opsHost;
    private final int opsPort;
    private final PrometheusMeterRegistry registry;
    private final Resources resources;
    private final Thread thread;
    private OpsServer ops;
    private boolean started;
    private boolean closed;

    /**
     * @param opsHost   the interface of /health and /metrics
     * @param opsPort   their port, 0 for any free one
     * @param resources closed after the loop has ended, last opened first
     */
    PriceSink(SchemaPreparation schema, PartitionMaintenance maintenance, SinkLoop loop, Health readiness, String opsHost,
              int opsPort, PrometheusMeterRegistry registry, Resources resources) {
        this.schema = schema;
        this.maintenance = maintenance;
        this.loop = loop;
        this.readiness = readiness;
        this.opsHost = opsHost;
        this.opsPort = opsPort;
        this.registry = registry;
        this.resources = resources;
        this.thread = new Thread(this::prepareThenConsume, "price-sink");
    }

    /**
     * Opens the ops port, prepares the schema (creates the database if missing, migrates it) and starts consuming.
     * When PostgreSQL cannot be reached, this returns anyway: the sink's thread retries the schema preparation with
     * bounded exponential backoff (readiness false meanwhile) and consumes once it succeeds, so a sink started
     * before its database waits for it instead of dying.
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "The sink is closed" : "The sink is already started");
        }
        started = true;
        ops = openOps();
        schema.attempt();
        thread.start();
        log.info("Price sink started; ops on port {}", ops.port());
    }

    private void prepareThenConsume() {
        if (schema.awaitPrepared()) {
            maintenance.start();
            loop.run();
        } else {
            loop.abandon();
        }
    }

    /** The port of /health and /metrics. */
    public synchronized int opsPort() {
        if (!started) {
            throw new IllegalStateException("The sink is not started");
        }
        return ops.port();
    }

    /** Whether the sink's thread still runs: false before {@link #start()} and once it has ended. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    public Health.Status readiness() {
        return readiness.check();
    }

    /** Waits until the consumer loop ends (after {@link #close()} or an unrecoverable error); returns that error or null. */
    public Throwable awaitTermination() throws InterruptedException {
        synchronized (this) {
            if (!started) {
                throw new IllegalStateException("The sink is not started");
            }
        }
        thread.join();
        return loop.failure();
    }

    /**
     * Stops consuming (a transaction in flight still commits or rolls back; an unwritten batch is simply read again
     * by whoever owns its partition next; the loop closes its consumer), then closes the ops port and the pool.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        schema.stop();
        loop.stop();
        if (thread.getState() == Thread.State.NEW) {
            loop.abandon();
        } else {
            joinLoop();
        }
        if (ops != null) {
            ops.close();
        }
        resources.closeAll();
        log.info("Price sink stopped");
    }

    private void joinLoop() {
        try {
            thread.join(STOP_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                log.warn("The sink's thread did not stop within {}s; closing the pool aborts its transaction", STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OpsServer openOps() {
        try {
            return new OpsServer(opsHost, opsPort, registry, readiness).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the sink's ops port " + opsPort
                    + " (set SINK_OPS_PORT to a free port, or 0 for any): " + e.getMessage(), e);
        }
    }
}
