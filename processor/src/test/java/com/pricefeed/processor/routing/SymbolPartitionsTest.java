package com.pricefeed.processor.routing;

import com.pricefeed.processor.ticks.SymbolInput;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    void shouldPlaceASymbolWhereLibrdkafkaPutsARecordKeyedByItWhenTheDeploymentFollowsIt() {
        SymbolPartitions partitions = new SymbolPartitions(6, SymbolPartitioner.CRC32);

        assertThat(partitions.of("AAPL")).isZero();
        assertThat(partitions.of("MSFT")).isEqualTo(1);
    }

    @Test
    void shouldSayATickIsInPlaceOnlyInItsSymbolsPartitionAndKeyedByItsNormalizedSymbol() {
        SymbolPartitions partitions = new SymbolPartitions(4);
        int home = partitions.of("AAPL");
        byte[] key = "AAPL".getBytes(StandardCharsets.UTF_8);

        assertThat(partitions.inPlace(key, "AAPL", home)).isTrue();
        assertThat(partitions.inPlace(key, "AAPL", (home + 1) % 4)).isFalse();
        assertThat(partitions.inPlace(key, "AAPL", -1)).isFalse();
        assertThat(partitions.inPlace("aapl".getBytes(StandardCharsets.UTF_8), "AAPL", home)).isFalse();
        assertThat(partitions.inPlace(null, "AAPL", home)).isFalse();
    }

    @Test
    void shouldRepartitionToTheSamePartitionItChecksAgainst() {
        SymbolPartitions partitions = new SymbolPartitions(4);

        assertThat(partitions.partitions("t", null, tick("AAPL"), 4)).isEqualTo(Optional.of(Set.of(partitions.of("AAPL"))));
    }

    @Test
    void shouldRefuseATopicWhosePartitionCountDiffersFromTheOneBuiltFor() {
        assertThatThrownBy(() -> new SymbolPartitions(4).partitions("t", null, tick("AAPL"), 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("5 partitions").hasMessageContaining("4");
    }

    private static SymbolInput tick(String symbol) {
        return new SymbolInput.Tick(new PriceTick(symbol, BigDecimal.ONE, Instant.parse("2026-12-06T12:00:00Z"), "polygon", null,
                null, null, null, null, null, null));
    }
}
