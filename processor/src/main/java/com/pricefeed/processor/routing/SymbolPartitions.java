package com.pricefeed.processor.routing;

import com.pricefeed.processor.ticks.SymbolInput;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * How the per-symbol state is split: a symbol belongs to partition {@code murmur2(UTF-8 symbol) mod count}, the
 * partition Kafka's default producer partitioner picks for a record keyed by the symbol. A tick a publisher keyed by
 * its normalized symbol is therefore usually read from its own partition already and needs no repartitioning; any
 * other tick (or lifecycle record) is sent to its partition of the {@code ticks-by-symbol} topic by this same function.
 *
 * @param count the partitions of the {@code ticks-by-symbol} topic
 */
public record SymbolPartitions(int count) implements StreamPartitioner<String, SymbolInput> {

    public SymbolPartitions {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
    }

    /** The partition whose task keeps {@code symbol}'s state. */
    public int of(String symbol) {
        return Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % count;
    }

    /** Whether a tick of {@code symbol} read from {@code partition} is already where its state is kept. */
    public boolean inPlace(String symbol, int partition) {
        return partition == of(symbol);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String symbol, SymbolInput input, int numPartitions) {
        if (numPartitions != count) {
            throw new IllegalStateException("Topic " + topic + " has " + numPartitions + " partitions but the topology was "
                    + "built for " + count + "; ticks of one symbol would be processed in two places");
        }
        return Optional.of(Set.of(of(symbol)));
    }
}
