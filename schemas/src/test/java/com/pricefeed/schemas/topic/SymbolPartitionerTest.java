package com.pricefeed.schemas.topic;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolPartitionerTest {

    @Test
    void shouldPlaceKeysAsTheJavaProducerDoes() {
        for (String symbol : new String[]{"AAPL", "MSFT", "PX0001", "BRK.B", "^GSPC"}) {
            byte[] key = symbol.getBytes(StandardCharsets.UTF_8);
            for (int count : new int[]{1, 6, 12, 50}) {
                assertThat(SymbolPartitioner.MURMUR2.partition(symbol, count))
                        .as("%s of %d", symbol, count)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key, count));
            }
        }
    }

    /*
     * librdkafka's consistent partitioners take rd_crc32(key) % count, the CRC-32 of zlib (check value 0xCBF43926 for
     * "123456789"). The expected partitions are zlib.crc32 % count; 200,000 ticks of PX0000-PX0999 published with
     * kcat on 6 partitions all counted as in place (prices_ticks_repartitioned_total 0), see docs/operations.md.
     */
    @Test
    void shouldPlaceKeysAsLibrdkafkaDoes() {
        assertThat(SymbolPartitioner.CRC32.partition("123456789", 1 << 30)).isEqualTo((int) (0xCBF43926L % (1 << 30)));
        assertThat(SymbolPartitioner.CRC32.partition("123456789", 6)).isEqualTo(2);
        assertThat(SymbolPartitioner.CRC32.partition("AAPL", 6)).isZero();
        assertThat(SymbolPartitioner.CRC32.partition("MSFT", 6)).isEqualTo(1);
        assertThat(SymbolPartitioner.CRC32.partition("MSFT", 12)).isEqualTo(7);
        assertThat(SymbolPartitioner.CRC32.partition("PX0001", 12)).isEqualTo(10);
    }

    @Test
    void shouldBeNamedAsTheSettingNamesIt() {
        assertThat(SymbolPartitioner.of(" CRC32 ")).isEqualTo(SymbolPartitioner.CRC32);
        assertThat(SymbolPartitioner.of("murmur2")).isEqualTo(SymbolPartitioner.MURMUR2);
        assertThatThrownBy(() -> SymbolPartitioner.of("random"))
                .hasMessage("unknown partitioner \"random\", expected one of [murmur2, crc32]");
    }

    @Test
    void shouldGiveJavaPublishersThePartitionerThatPlacesLikeLibrdkafka() {
        assertThat(SymbolPartitioner.MURMUR2.producerProperties()).isEmpty();
        assertThat(SymbolPartitioner.CRC32.producerProperties())
                .containsEntry("partitioner.class", Crc32Partitioner.class.getName());
    }
}
