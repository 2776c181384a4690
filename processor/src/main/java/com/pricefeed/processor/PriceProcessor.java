package com.pricefeed.processor;

import com.pricefeed.schemas.topic.SymbolPartitioner;
import com.pricefeed.platform.ops.Health;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.processor.dlq.RefusedDeadLetters;
import com.pricefeed.processor.health.StreamThreadFailures;
import com.pricefeed.processor.state.RocksDbMemory;
import com.pricefeed.processor.streams.StreamsProperties;
import com.pricefeed.processor.streams.TopicProvisioner;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import com.pricefeed.platform.kafka.KafkaAccess;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The processor service: creates its topics, runs the {@link PriceTopology} with exactly-once processing, and serves
 * {@code /health/live}, {@code /health/ready} (ready while Kafka Streams is RUNNING or REBALANCING and its threads are
 * not failing again and again, {@link StreamThreadFailures}) and {@code /metrics} on the ops port. State is restored from the changelog topics on start; it is never wiped.
 *
 * <pre>{@code
 * try (PriceProcessor processor = new PriceProcessor(config, registry)) {
 *     processor.start();
 *     processor.stopped().join();
 * }
 * }</pre>
 */
public final class PriceProcessor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceProcessor.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private SymbolPartitioner partitioner;
    private final PrometheusMeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();
    private final StreamThreadFailures threadFailures = new StreamThreadFailures();

    private KafkaStreams streams;
    private RocksDbMemory rocksDbMemory;
    private KafkaStreamsMetrics streamsMetrics;
    private OpsServer ops;
    private boolean started;
    private boolean closed;

    public PriceProcessor(ProcessorConfig config, PrometheusMeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Creates the missing topics, starts Kafka Streams and the ops server, and returns without waiting for the first
     * rebalance (see {@link #state()} and readiness). On failure everything started so far is closed again.
     *
     * @throws IllegalStateException when called twice or after {@link #close()}, or when Kafka cannot be reached
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("A PriceProcessor starts once; create a new one");
        }
        started = true;
        try {
            ProcessorConfig provisioned = TopicProvisioner.ensureTopics(config);
            partitioner = provisioned.topology().symbolPartitions().partitioner();
            RefusedDeadLetters refused = new RefusedDeadLetters(provisioned.topology().topics().deadLetters());
            Topology topology = PriceTopology.build(provisioned.topology(), clock, registry, refused);
            log.info("Per-symbol state in {} partitions, placed as {} publishers place ticks",
                    provisioned.topology().symbolPartitions().count(), provisioned.topology().symbolPartitions().partitioner().code());
            log.debug("Topology:\n{}", topology.describe());
            rocksDbMemory = new RocksDbMemory(provisioned.rocksDbMemoryBytes());
            streams = new KafkaStreams(topology, StreamsProperties.from(provisioned, refused, rocksDbMemory));
            streams.setUncaughtExceptionHandler(exception -> {
                Optional<String> refusal = KafkaAccess.refusal(exception);
                if (refusal.isPresent()) {
                    log.error("The processor stops: {}", refusal.get());
                    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                }
                log.error("A stream thread failed; replacing it (its tasks restart from the last committed transaction)",
                        exception);
                threadFailures.failed(exception, commitsByThread());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener(this::onStateChange);
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            streams.start();
            ops = new OpsServer(config.opsHost(), config.opsPort(), registry, this::readiness).start();
            log.info("Price processor {} started: reading {}, ops on port {}, state in {}", config.applicationId(),
                    config.topology().topics().priceTicks(), ops.port(), config.stateDir());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot open the ops port " + config.opsPort()
                    + "; set PROCESSOR_OPS_PORT to a free port (0 picks one)", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The Kafka Streams state, or {@code CREATED} before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Completes with {@code ERROR} when Kafka Streams fails for good, or {@code NOT_RUNNING} once it is closed. */
    public CompletableFuture<KafkaStreams.State> stopped() {
        return stopped;
    }

    /** The port the ops server listens on. */
    /** How publishers must place ticks for them to need no repartitioning; known once started. */
    public synchronized SymbolPartitioner partitioner() {
        if (partitioner == null) {
            throw new IllegalStateException("The partitioner is read from the cluster at start");
        }
        return partitioner;
    }

    public synchronized int opsPort() {
        if (ops == null) {
            throw new IllegalStateException("The ops server is not running");
        }
        return ops.port();
    }

    /**
     * Stops Kafka Streams (committing what was processed, within 30 s), leaving the consumer group so that its
     * partitions move to the other instances at once instead of after the session timeout; then the ops server.
     * Idempotent.
     */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /**
     * As {@link #close()}, waiting at most {@code timeout} for Kafka Streams; what it has not committed by then is
     * processed again by the next owner of its tasks.
     */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (streams != null && !streams.close(CloseOptions.timeout(timeout)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                log.warn("Kafka Streams did not stop within {}", timeout);
            }
        } finally {
            if (streamsMetrics != null) {
                streamsMetrics.close();
            }
            if (rocksDbMemory != null) {
                rocksDbMemory.close();
            }
            if (ops != null) {
                ops.close();
            }
            stopped.complete(KafkaStreams.State.NOT_RUNNING);
            log.info("Price processor {} stopped", config.applicationId());
        }
    }

    private Health.Status readiness() {
        KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return Health.Status.down("kafka streams " + state);
        }
        return threadFailures.stuck(commitsByThread())
                .map(Health.Status::down)
                .orElseGet(() -> new Health.Status(true, "kafka streams " + state));
    }

    /** The {@code commit-total} of each live stream thread: successful commits since the thread started. */
    private Map<String, Double> commitsByThread() {
        Map<String, Double> commits = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (name.name().equals("commit-total") && name.group().equals("stream-thread-metrics")
                    && metric.metricValue() instanceof Double value) {
                commits.put(name.tags().get("thread-id"), value);
            }
        });
        return commits;
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        log.info("Kafka Streams {} -> {}", oldState, newState);
        if (newState == KafkaStreams.State.ERROR) {
            log.error("Kafka Streams stopped for good; the processor is no longer processing");
            stopped.complete(newState);
        }
    }
}
