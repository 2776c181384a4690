package com.pricefeed.sink;

import com.pricefeed.platform.ops.Health;
import com.pricefeed.platform.ops.OpsServer;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.sink.consume.Backoff;
import com.pricefeed.sink.consume.SinkLoop;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.schema.DatabaseSchema;
import com.pricefeed.sink.write.BatchWriter;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The JDBC sink: consumes {@code price-history} and writes history rows, master rows and its own positions to
 * PostgreSQL, one transaction per batch, exactly once. Also serves /health and /metrics on its ops port.
 *
 * <pre>{@code
 * try (PriceSink sink = new PriceSink(SinkConfig.from(env), registry)) {
 *     sink.start();
 *     ...
 * }
 * }</pre>
 */
public final class PriceSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceSink.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int READINESS_QUERY_SECONDS = 2;

    private final SinkConfig config;
    private final PrometheusMeterRegistry registry;

    private HikariDataSource dataSource;
    private KafkaClientMetrics kafkaMetrics;
    private SinkLoop loop;
    private Thread thread;
    private OpsServer ops;
    private boolean started;
    private boolean closed;

    public PriceSink(SinkConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Migrates the database, then starts consuming and serving the ops port. Fails fast if the database is unreachable. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "The sink is closed" : "The sink is already started");
        }
        started = true;
        DatabaseSchema.prepare(config.database());
        dataSource = pool(config);
        Topic<String, HistoryRecord> topic = Topics.priceHistory(config.historyTopic());
        KafkaConsumer<String, HistoryRecord> consumer = new KafkaConsumer<>(consumerProperties(config, clientId()),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        kafkaMetrics = new KafkaClientMetrics(consumer);
        kafkaMetrics.bindTo(registry);
        BatchWriter writer = new BatchWriter(dataSource, new ProviderRegistry(config::displayName), new CopyHistoryWriter(),
                new OffsetRepository(config.groupId()), new RejectedRecordRepository(config.groupId()));
        loop = new SinkLoop(consumer, topic.name(), topic.valueSerde().serializer(), writer, dataSource,
                new OffsetRepository(config.groupId()), config.pollTimeout(),
                new Backoff(SinkConfig.INITIAL_BACKOFF, config.retryMaxBackoff()), new SinkMetrics(registry, Clock.systemUTC()));
        thread = new Thread(loop, "price-sink");
        thread.start();
        ops = openOps();
        log.info("Price sink consuming {} as group {}, writing {}; ops on port {}",
                topic.name(), config.groupId(), config.database().url(), ops.port());
    }

    /** The port of /health and /metrics. */
    public synchronized int opsPort() {
        requireStarted();
        return ops.port();
    }

    /** Ready when the consumer runs, the last write did not fail and the database answers. */
    public Health.Status readiness() {
        SinkLoop current = loop;
        if (current == null || !current.isRunning()) {
            return Health.Status.down("consumer is not running");
        }
        String problem = current.databaseProblem();
        if (problem != null) {
            return Health.Status.down("database writes failing, retrying: " + problem);
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(READINESS_QUERY_SECONDS) ? Health.Status.up() : Health.Status.down("database does not answer");
        } catch (SQLException | RuntimeException e) {
            return Health.Status.down("database unreachable: " + e.getMessage());
        }
    }

    /** Waits until the consumer loop ends (after {@link #close()} or an unrecoverable error); returns that error or null. */
    public Throwable awaitTermination() throws InterruptedException {
        Thread current;
        synchronized (this) {
            requireStarted();
            current = thread;
        }
        current.join();
        return loop.failure();
    }

    /**
     * Stops consuming (a transaction in flight still commits or rolls back; an unwritten batch is simply read again
     * by whoever owns its partition next), then closes the consumer, the pool and the ops port. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop != null) {
            loop.stop();
            joinLoop();
        }
        closeQuietly(ops);
        closeQuietly(kafkaMetrics);
        closeQuietly(dataSource);
        log.info("Price sink stopped");
    }

    private void joinLoop() {
        try {
            thread.join(STOP_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                log.warn("The sink's consumer thread did not stop within {}s; closing the pool aborts its transaction", STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OpsServer openOps() {
        try {
            return new OpsServer("0.0.0.0", config.opsPort(), registry, this::readiness).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the sink's ops port " + config.opsPort()
                    + " (set SINK_OPS_PORT to a free port, or 0 for any): " + e.getMessage(), e);
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("The sink is not started");
        }
    }

    static HikariDataSource pool(SinkConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("price-sink");
        hikari.setJdbcUrl(config.database().url());
        hikari.setUsername(config.database().user());
        hikari.setPassword(config.database().password());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(false);
        // Fail a connection attempt quickly during an outage; the loop retries with its own backoff.
        hikari.setConnectionTimeout(2_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("ApplicationName", "price-sink");
        return new HikariDataSource(hikari);
    }

    /** Unique per instance in the JVM, so the consumer's metrics and MBeans of two sinks never collide. */
    private String clientId() {
        return "price-sink-" + Long.toString(ProcessHandle.current().pid(), 36) + "-" + Integer.toHexString(System.identityHashCode(this));
    }

    static Map<String, Object> consumerProperties(SinkConfig config, String clientId) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                // The classic protocol, because the consumer protocol ignores partition.assignment.strategy.
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Positions come from sink_offsets; Kafka's committed offsets are advisory (lag monitoring).
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch(),
                ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Error while closing {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
