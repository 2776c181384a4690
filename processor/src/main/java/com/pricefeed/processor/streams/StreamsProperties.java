package com.pricefeed.processor.streams;

import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.processor.dlq.RefusedDeadLetters;
import com.pricefeed.processor.master.DedupChangelog;
import com.pricefeed.processor.state.BoundedRocksDbConfig;
import com.pricefeed.processor.state.RocksDbMemory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;

import java.time.Duration;
import java.util.Properties;

/** The Kafka Streams configuration of the processor. */
public final class StreamsProperties {

    /** The producer's {@code max.request.size}, Kafka's default: also a bound of every dead letter. */
    public static final int MAX_REQUEST_BYTES = 1_048_576;
    /**
     * The producer's {@code transaction.timeout.ms}, Kafka Streams' own default under exactly-once. Kafka Streams refuses
     * to start with a commit interval longer than this (a transaction left open that long is aborted by the broker), so
     * it is also the longest {@code PROCESSOR_COMMIT_INTERVAL}.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private StreamsProperties() {
    }

    /**
     * @param refused the dead letters the broker refused: {@link FailingProductionHandler} adds to it, the topology
     *                reads it
     * @param memory  the memory every RocksDB store shares ({@link BoundedRocksDbConfig})
     */
    public static Properties from(ProcessorConfig config, RefusedDeadLetters refused, RocksDbMemory memory) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) TRANSACTION_TIMEOUT.toMillis());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) config.sessionTimeout().toMillis());
        // Members learn of a rebalance from a heartbeat: keep Kafka's 3 s default, below a third of the session.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.min(3_000, config.sessionTimeout().toMillis() / 3));
        /*
         * Records are stamped with the time they are read, never with the tick's source time: a broker refuses
         * timestamps beyond message.timestamp.after.max.ms (1 h by default) or before.max.ms, and a tick may be up to
         * MAX_FUTURE_SKEW ahead or any age. Nothing in the topology runs on record time (newest wins compares the
         * source timestamps in the values; the duplicate window runs on the wall clock), and this extractor never
         * fails on a record without a valid timestamp.
         */
        props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, WallclockTimestampExtractor.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, FailingDeserializationHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailingProductionHandler.class);
        props.put(FailingProductionHandler.REFUSED_DEAD_LETTERS_CONFIG, refused);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        props.put(RocksDbMemory.CONFIG, memory);
        // The duplicate store's changelog is kept for the window plus this (DedupChangelog), not plus a day.
        props.put(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, DedupChangelog.RETENTION_MARGIN.toMillis());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        return config.kafka().streams(props);
    }
}
