package com.pricefeed.sink;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

import java.util.Map;

/** The sink's Kafka consumer: committed records only, positions from the database, batches as big as allowed. */
final class SinkConsumerProperties {

    /** Per partition and fetch; a fetch as a whole stays within the consumer's fetch.max.bytes (50 MiB). */
    private static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;

    private SinkConsumerProperties() {
    }

    static Map<String, Object> of(SinkConfig config, String clientId) {
        return config.kafka().consumer(Map.ofEntries(
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
                Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, clientId)));
    }
}
