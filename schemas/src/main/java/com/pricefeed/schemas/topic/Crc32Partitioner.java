package com.pricefeed.schemas.topic;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

import java.util.Map;

/**
 * A Java producer partitioner that places a keyed record where librdkafka's default would ({@link SymbolPartitioner#CRC32}),
 * for the project's own publishers (the synthetic feed, {@code replay}) when the processor's state follows kcat-style
 * publishers. Records without a key go to partition 0; the project's publishers always key by symbol.
 */
public final class Crc32Partitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int count = cluster.partitionCountForTopic(topic);
        return keyBytes == null ? 0 : SymbolPartitioner.CRC32.partition(keyBytes, count);
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
