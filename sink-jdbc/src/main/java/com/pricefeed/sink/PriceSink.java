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
import com.pricefeed.sink.offsets.TopicIds;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.sink.write.BatchWriter;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    /** Per partition and fetch; a fetch as a whole stays within the consumer's fetch.max.bytes (50 MiB). */
    private static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;

    private final SinkConfig config;
    private final PrometheusMeterRegistry registry;

    /** Guards creating the loop against a concurrent {@link #close()}. */
    private final Object lifecycle = new Object();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private HikariDataSource dataSource;
    private volatile KafkaClientMetrics kafkaMetrics;
    private volatile TopicIds topicIds;
    private volatile SinkLoop loop;
    private volatile String schemaProblem = "not prepared yet";
    private volatile Throwable startFailure;
    private Thread thread;
    private OpsServer ops;
    private boolean started;
    private boolean closed;

    public PriceSink(SinkConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * Opens the ops port, prepares the schema (creates the database if missing, migrates it) and starts consuming.
     * When PostgreSQL cannot be reached, this returns anyway: a thread retries the schema preparation with bounded
     * exponential backoff (readiness false meanwhile) and consumes once it succeeds, so a sink started before its
     * database waits for it instead of dying.
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "The sink is closed" : "The sink is already started");
        }
        started = true;
        dataSource = pool(config);
        ops = openOps();
        boolean prepared = tryPrepareSchema(true);
        thread = new Thread(() -> prepareThenConsume(prepared), "price-sink");
        thread.start();
        log.info("Price sink consuming {} as group {}, writing {}; ops on port {}",
                config.historyTopic(), config.groupId(), config.database().url(), ops.port());
    }

    private void prepareThenConsume(boolean prepared) {
        if (!prepared && !prepareSchemaWithBackoff()) {
            return;
        }
        SinkLoop created;
        synchronized (lifecycle) {
            if (stopRequested.getCount() == 0) {
                return;
            }
            try {
                created = newLoop();
            } catch (RuntimeException e) {
                startFailure = e;
                log.error("Cannot create the sink's consumer", e);
                return;
            }
            loop = created;
        }
        created.run();
    }

    /** Returns true once the schema is ready, false when the sink was closed first. */
    private boolean prepareSchemaWithBackoff() {
        Backoff backoff = new Backoff(SinkConfig.INITIAL_BACKOFF, config.retryMaxBackoff());
        while (stopRequested.getCount() > 0) {
            Duration wait = backoff.next();
            try {
                if (stopRequested.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (tryPrepareSchema(false)) {
                return true;
            }
        }
        return false;
    }

    private boolean tryPrepareSchema(boolean first) {
        try {
            DatabaseSchema.prepare(config.database());
            if (!first) {
                log.info("Database schema prepared; starting to consume");
            }
            schemaProblem = null;
            return true;
        } catch (RuntimeException e) {
            if (first) {
                log.warn("Cannot prepare the database schema yet; not ready, retrying with backoff up to {} ms",
                        config.retryMaxBackoff().toMillis(), e);
            } else {
                log.warn("Database schema still cannot be prepared: {}", e.getMessage());
            }
            schemaProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return false;
        }
    }

    private SinkLoop newLoop() {
        Topic<String, HistoryRecord> topic = Topics.priceHistory(config.historyTopic());
        KafkaConsumer<String, HistoryRecord> consumer = new KafkaConsumer<>(consumerProperties(config, clientId()),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        kafkaMetrics = new KafkaClientMetrics(consumer);
        kafkaMetrics.bindTo(registry);
        BatchWriter writer = new BatchWriter(dataSource, new ProviderRegistry(config::displayName), new CopyHistoryWriter(),
                new OffsetRepository(config.groupId()), new RejectedRecordRepository(config.groupId()));
        topicIds = new TopicIds(Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, clientId() + "-topic-ids")));
        return new SinkLoop(consumer, topic.name(), topic.valueSerde().serializer(), writer, dataSource,
                new OffsetRepository(config.groupId()), topicIds, config.pollTimeout(), config.maxBatch(),
                new Backoff(SinkConfig.INITIAL_BACKOFF, config.retryMaxBackoff()), new SinkMetrics(registry, Clock.systemUTC()));
    }

    /** The port of /health and /metrics. */
    public synchronized int opsPort() {
        requireStarted();
        return ops.port();
    }

    /** Ready when the schema is prepared, the consumer runs, the last write did not fail and the database answers. */
    public Health.Status readiness() {
        String preparing = schemaProblem;
        if (preparing != null) {
            return Health.Status.down("database schema not prepared yet, retrying: " + preparing);
        }
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
        SinkLoop ran = loop;
        return ran == null ? startFailure : ran.failure();
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
        synchronized (lifecycle) {
            stopRequested.countDown();
            if (loop != null) {
                loop.stop();
            }
        }
        if (thread != null) {
            joinLoop();
        }
        closeQuietly(ops);
        closeQuietly(kafkaMetrics);
        closeQuietly(topicIds);
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
        return Map.ofEntries(
                Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                Map.entry(ConsumerConfig.GROUP_ID_CONFIG, config.groupId()),
                // The classic protocol, because the consumer protocol ignores partition.assignment.strategy.
                Map.entry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"),
                Map.entry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
                Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                // Positions come from sink_offsets; Kafka's committed offsets are advisory (lag monitoring).
                Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch()),
                // A transaction's commit marker makes its records readable without waking a waiting fetch, so a
                // read_committed fetch would sit out the whole 500 ms default after the processor commits.
                Map.entry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                // Under a backlog a poll returns what one fetch brought, and Kafka's 1 MiB per partition made batches
                // of about 7,000 records of the 20,000 allowed; bigger batches spread the per-batch upsert thinner.
                Map.entry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES),
                Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis()),
                // Members learn of a rebalance from a heartbeat: keep Kafka's 3 s default, below a third of the session.
                Map.entry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.min(3_000, config.sessionTimeout().toMillis() / 3)),
                Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, clientId));
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
