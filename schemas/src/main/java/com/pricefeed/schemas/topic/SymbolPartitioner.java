package com.pricefeed.schemas.topic;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How a publisher spreads records keyed by symbol over the partitions of {@code price-ticks}: the partition a keyed
 * record goes to is a hash of its key's bytes modulo the partition count. The processor keeps each symbol's state in
 * the partition its publishers' partitioner picks, so that their ticks are processed where they arrive.
 */
public enum SymbolPartitioner {

    /** The default of Kafka's Java producer for keyed records (and of Kafka Streams). */
    MURMUR2 {
        @Override
        public int partition(byte[] key, int count) {
            return Utils.toPositive(Utils.murmur2(key)) % count;
        }
    },
    /**
     * The default of librdkafka ({@code consistent_random}) for keyed records, and so of kcat and of Confluent's
     * clients for Python, Go, .NET and C: the CRC-32 of the key as an unsigned number.
     */
    CRC32 {
        @Override
        public int partition(byte[] key, int count) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(key);
            return (int) (crc.getValue() % count);
        }
    };

    /** The partition of {@code count} a record keyed by {@code key} goes to. */
    public abstract int partition(byte[] key, int count);

    public int partition(String symbol, int count) {
        return partition(symbol.getBytes(StandardCharsets.UTF_8), count);
    }

    /** The producer properties that make a Java producer place keyed records this way. */
    public Map<String, Object> producerProperties() {
        return this == CRC32 ? Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName()) : Map.of();
    }

    /** The name settings use: {@code murmur2} or {@code crc32}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException when {@code code} names no partitioner */
    public static SymbolPartitioner of(String code) {
        return Arrays.stream(values())
                .filter(partitioner -> partitioner.code().equals(code.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown partitioner \"" + code + "\", expected one of "
                        + Arrays.stream(values()).map(SymbolPartitioner::code).toList()));
    }
}
