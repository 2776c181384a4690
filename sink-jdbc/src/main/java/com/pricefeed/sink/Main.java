package com.pricefeed.sink;

import com.pricefeed.platform.lifecycle.Sigterm;
import com.pricefeed.platform.config.ServiceConfiguration;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.sink.consume.AdvisoryCommits;
import com.pricefeed.sink.consume.Backoff;
import com.pricefeed.sink.consume.BatchReader;
import com.pricefeed.sink.consume.PendingBatches;
import com.pricefeed.sink.consume.RetryPause;
import com.pricefeed.sink.consume.SequenceRepair;
import com.pricefeed.sink.consume.SinkLoop;
import com.pricefeed.sink.consume.WriteHandOff;
import com.pricefeed.sink.health.SinkHealth;
import com.pricefeed.sink.health.SinkReadiness;
import com.pricefeed.sink.candles.CandleRepository;
import com.pricefeed.sink.candles.CandleWriter;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.jdbc.AbortableDataSource;
import com.pricefeed.sink.master.MasterVacuum;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.offsets.PartitionPositions;
import com.pricefeed.sink.offsets.TopicIds;
import com.pricefeed.sink.partitions.ExpiredTicks;
import com.pricefeed.sink.partitions.PartitionCoverage;
import com.pricefeed.sink.partitions.PartitionMaintenance;
import com.pricefeed.sink.poison.PoisonRecords;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.schema.SchemaPreparation;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.WriteResult;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import com.pricefeed.platform.kafka.KafkaAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the sink on its own: environment -> {@link SinkConfig} -> its parts ({@link #wire}) -> {@link PriceSink},
 * stopped cleanly on SIGTERM. A bad setting ends it at once with a one-line message and exit status 2.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SinkConfig config = ServiceConfiguration.readOrExit(SinkSettings.ALL, SinkConfig::from);
        log.info("Starting price sink with {}", config);
        PriceSink sink;
        try {
            sink = wire(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            Sigterm.closeAndExitZero("price-sink-shutdown", sink::close);
            sink.start();
        } catch (RuntimeException e) {
            KafkaAccess.refusal(e).ifPresentOrElse(refusal -> log.error("The price sink could not start: {}", refusal),
                    () -> log.error("The price sink could not start: {}", e.getMessage(), e));
            System.exit(1);
            return;
        }
        Throwable failure = sink.awaitTermination();
        if (failure != null) {
            sink.close();
            System.exit(1);
        }
    }

    /** The sink's parts, each built once and handed to those that use it; closed by the sink, or here if one fails. */
    public static PriceSink wire(SinkConfig config, PrometheusMeterRegistry registry) {
        Resources resources = new Resources();
        try {
            return wire(config, registry, resources);
        } catch (RuntimeException e) {
            resources.closeAll();
            throw e;
        }
    }

    private static PriceSink wire(SinkConfig config, PrometheusMeterRegistry registry, Resources resources) {
        Clock clock = Clock.systemUTC();
        HikariDataSource pool = resources.add(SinkPool.open(config.database(), config.dbPoolSize(), config.timeouts()));
        String clientId = "price-sink-" + Long.toString(ProcessHandle.current().pid(), 36) + "-" + UUID.randomUUID().toString().substring(0, 8);
        TopicIds topicIds = resources.add(new TopicIds(Admin.create(config.kafka().admin(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-topic-ids")))));
        // The last part that can fail to open: from here on, the loop owns the consumer and closes it.
        Topic<String, HistoryEvent> topic = Topics.priceHistory(config.historyTopic());
        KafkaConsumer<String, HistoryEvent> consumer = new KafkaConsumer<>(SinkConsumerProperties.of(config, clientId),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        resources.add(new KafkaClientMetrics(consumer)).bindTo(registry);

        SinkMetrics metrics = new SinkMetrics(registry, clock);
        SinkHealth health = new SinkHealth(clock, config.maxCommitWait());
        OffsetRepository offsets = new OffsetRepository(config.groupId());
        AbortableDataSource writerConnections = new AbortableDataSource(pool);
        ExpiredTicks expired = new ExpiredTicks(config.partitioning(), clock,
                value -> topic.valueSerde().serializer().serialize(topic.name(), value), registry);
        BatchWriter writer = new BatchWriter(writerConnections, new ProviderRegistry(config::displayName),
                new CopyHistoryWriter(), config.candles() ? new CandleRepository() : CandleWriter.NONE, offsets, new RejectedRecordRepository(config.groupId()),
                new PartitionCoverage(writerConnections, config.partitioning(), registry), expired);
        PartitionMaintenance maintenance = resources.add(new PartitionMaintenance(pool, config.partitioning(), clock, registry));
        // VACUUM needs the table's owner: the role that migrates, not the writer.
        MasterVacuum vacuum = resources.add(new MasterVacuum(config.migration(), config.masterVacuumAfter()));
        WriteHandOff writes = resources.add(new WriteHandOff(batch -> {
            WriteResult result = writer.write(batch);
            vacuum.updated(result.mastersChanged());
            return result;
        }, writerConnections::abortLastBorrowed,
                config.timeouts().socket(), metrics));
        PartitionPositions positions = new PartitionPositions(consumer, pool, offsets, topicIds);
        PendingBatches pending = new PendingBatches(config.maxBatch());
        PoisonRecords poison = new PoisonRecords(consumer, writer, topic.name(), topic.valueSerde().serializer(), metrics);
        SinkLoop loop = new SinkLoop(consumer, topic.name(), positions, pending,
                new BatchReader(consumer, pending, poison, config.pollTimeout()), writes, poison,
                new RetryPause(consumer, positions, backoff(config), metrics, health), new AdvisoryCommits(consumer),
                new SequenceRepair(writer, metrics, health), health);

        SchemaPreparation schema = new SchemaPreparation(config.migration(), backoff(config));
        return new PriceSink(schema, maintenance, loop, new SinkReadiness(schema::problem, loop::isRunning, health, pool),
                config.opsHost(), config.opsPort(), registry, resources);
    }

    private static Backoff backoff(SinkConfig config) {
        return new Backoff(SinkSettings.INITIAL_BACKOFF, config.retryMaxBackoff());
    }
}
