package com.pricefeed.processor.routing;

import com.pricefeed.processor.ticks.SymbolInput;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the per-symbol state is split: a symbol belongs to the partition the publishers' partitioner picks for a record
 * keyed by the symbol ({@link SymbolPartitioner}: Kafka's Java default or librdkafka's). A tick a publisher keyed by
 * its normalized symbol is therefore read from its own partition already and needs no repartitioning; any other tick
 * (or lifecycle record) is sent to its partition of the {@code ticks-by-symbol} topic by this same function.
 *
 * @param count       the partitions of the {@code ticks-by-symbol} topic
 * @param partitioner how the publishers partition by symbol
 */
public record SymbolPartitions(int count, SymbolPartitioner partitioner) implements StreamPartitioner<byte[], SymbolInput> {

    public SymbolPartitions {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        Objects.requireNonNull(partitioner, "partitioner");
    }

    /** Split as Kafka's Java producer partitions. */
    public SymbolPartitions(int count) {
        this(count, SymbolPartitioner.MURMUR2);
    }

    /** The partition whose task keeps {@code symbol}'s state. */
    public int of(String symbol) {
        return partitioner.partition(symbol, count);
    }

    /**
     * Whether a tick of {@code symbol} read from {@code partition} with {@code key} is where its state is kept and
     * keyed as every output of the symbol is, by {@link #key}: it then goes on without any key-changing step, so Kafka
     * Streams sees no reason to repartition it again before the tables downstream.
     */
    public boolean inPlace(byte[] key, String symbol, int partition) {
        // Compared first: the key, once equal to the symbol's bytes, is what the partitioner hashes.
        return Arrays.equals(key, key(symbol)) && partition == partitioner.partition(key, count);
    }

    /** The record key of everything the processor writes about {@code symbol}: its UTF-8 bytes. */
    public static byte[] key(String symbol) {
        return symbol.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, SymbolInput input, int numPartitions) {
        if (numPartitions != count) {
            throw new IllegalStateException("Topic " + topic + " has " + numPartitions + " partitions but the topology was "
                    + "built for " + count + "; ticks of one symbol would be processed in two places");
        }
        return Optional.of(Set.of(of(input.symbol())));
    }
}
