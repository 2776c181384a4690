package com.pricefeed.processor.routing;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolPartitionsTest {

    @Test
    void shouldPlaceASymbolWhereTheDefaultProducerPartitionerPutsARecordKeyedByIt() {
        SymbolPartitions partitions = new SymbolPartitions(6);

        IntStream.range(0, 500).mapToObj(i -> "S" + i).forEach(symbol ->
                assertThat(partitions.of(symbol))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(symbol.getBytes(StandardCharsets.UTF_8), 6)));
    }

    @Test
    void shouldSayATickIsInPlaceOnlyInItsSymbolsPartition() {
        SymbolPartitions partitions = new SymbolPartitions(4);
        int home = partitions.of("AAPL");

        assertThat(partitions.inPlace("AAPL", home)).isTrue();
        assertThat(partitions.inPlace("AAPL", (home + 1) % 4)).isFalse();
        assertThat(partitions.inPlace("AAPL", -1)).isFalse();
    }

    @Test
    void shouldRepartitionToTheSamePartitionItChecksAgainst() {
        SymbolPartitions partitions = new SymbolPartitions(4);

        assertThat(partitions.partitions("t", "AAPL", null, 4)).isEqualTo(Optional.of(Set.of(partitions.of("AAPL"))));
    }

    @Test
    void shouldRefuseATopicWhosePartitionCountDiffersFromTheOneBuiltFor() {
        assertThatThrownBy(() -> new SymbolPartitions(4).partitions("t", "AAPL", null, 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("5 partitions").hasMessageContaining("4");
    }
}
