package com.pricefeed.sink.batch;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchTest {

    private static final TopicPartition P0 = new TopicPartition("price-history", 0);
    private static final TopicPartition P1 = new TopicPartition("price-history", 1);

    @Test
    void shouldGroupAPollPartitionByPartitionAndKnowEachPartitionsRange() {
        ConsumerRecords<String, HistoryEvent> polled = new ConsumerRecords<>(Map.of(
                P0, List.of(record(P0, 10), record(P0, 11), record(P0, 14)),
                P1, List.of(record(P1, 3))), Map.<TopicPartition, OffsetAndMetadata>of());

        Batch batch = Batch.of(polled);

        assertThat(batch.size()).isEqualTo(4);
        assertThat(batch.ranges()).containsOnly(
                Map.entry(P0, new OffsetRange(10, 15)),
                Map.entry(P1, new OffsetRange(3, 4)));
    }

    @Test
    void shouldKeepADelistingInTheBatchAtItsOwnOffset() {
        ConsumerRecords<String, HistoryEvent> polled = new ConsumerRecords<>(Map.of(
                P0, List.of(record(P0, 10), new ConsumerRecord<>(P0.topic(), P0.partition(), 11, "AAPL",
                        new SymbolDelisting("AAPL", Instant.parse("2026-12-06T12:00:00Z"), "nasdaq", Instant.parse("2026-12-06T12:00:01Z"))),
                        record(P0, 12))), Map.<TopicPartition, OffsetAndMetadata>of());

        Batch batch = Batch.of(polled);

        assertThat(batch.records()).extracting(BatchRecord::offset).containsExactly(10L, 11L, 12L);
        assertThat(batch.records().get(1).value()).isInstanceOf(SymbolDelisting.class);
        assertThat(batch.ranges()).containsOnly(Map.entry(P0, new OffsetRange(10, 13)));
    }

    @Test
    void shouldSplitIntoHalvesThatTogetherCoverTheBatchInOrder() {
        Batch batch = Batch.of(List.of(rec(P0, 1), rec(P0, 2), rec(P1, 7), rec(P0, 3), rec(P1, 9)));

        List<Batch> halves = batch.split();

        assertThat(halves.get(0).records()).containsExactly(rec(P0, 1), rec(P0, 2));
        assertThat(halves.get(1).records()).containsExactly(rec(P1, 7), rec(P0, 3), rec(P1, 9));
        assertThat(halves.get(0).ranges()).containsExactly(Map.entry(P0, new OffsetRange(1, 3)));
        assertThat(halves.get(1).ranges()).containsOnly(Map.entry(P1, new OffsetRange(7, 10)), Map.entry(P0, new OffsetRange(3, 4)));
    }

    @Test
    void shouldSplitAtAnyPointIntoTwoPartsThatTogetherCoverTheBatch() {
        Batch batch = Batch.of(List.of(rec(P0, 1), rec(P1, 7), rec(P0, 2)));

        assertThat(batch.splitAt(0).get(0).isEmpty()).isTrue();
        assertThat(batch.splitAt(1).get(1).records()).containsExactly(rec(P1, 7), rec(P0, 2));
        assertThat(batch.splitAt(3).get(0).records()).containsExactly(rec(P0, 1), rec(P1, 7), rec(P0, 2));
    }

    @Test
    void shouldJoinALaterPollBehindTheBatch() {
        Batch joined = Batch.of(List.of(rec(P0, 1), rec(P1, 7))).followedBy(Batch.of(List.of(rec(P0, 2))));

        assertThat(joined.records()).containsExactly(rec(P0, 1), rec(P1, 7), rec(P0, 2));
        assertThat(joined.ranges()).containsOnly(Map.entry(P0, new OffsetRange(1, 3)), Map.entry(P1, new OffsetRange(7, 8)));
    }

    @Test
    void shouldRefuseToJoinRecordsThatDoNotComeAfterTheBatch() {
        Batch batch = Batch.of(List.of(rec(P0, 5)));

        assertThatThrownBy(() -> batch.followedBy(Batch.of(List.of(rec(P0, 4))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDropTheRecordsOfReleasedPartitions() {
        Batch batch = Batch.of(List.of(rec(P0, 1), rec(P1, 7)));

        assertThat(batch.without(List.of(P1)).records()).containsExactly(rec(P0, 1));
    }

    @Test
    void shouldRefuseOffsetsThatDoNotAscendWithinAPartition() {
        assertThatThrownBy(() -> Batch.of(List.of(rec(P0, 2), rec(P0, 2)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotSplitASingleRecord() {
        assertThatThrownBy(() -> Batch.of(List.of(rec(P0, 2))).split()).isInstanceOf(IllegalStateException.class);
    }

    private static final HistoryRecord VALUE = aTick().current();

    private static BatchRecord rec(TopicPartition partition, long offset) {
        return new BatchRecord(partition, offset, "AAPL", VALUE);
    }

    private static ConsumerRecord<String, HistoryEvent> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "AAPL", VALUE);
    }
}
