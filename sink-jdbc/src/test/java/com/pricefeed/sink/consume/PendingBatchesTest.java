package com.pricefeed.sink.consume;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;

class PendingBatchesTest {

    private static final TopicPartition P0 = new TopicPartition("price-history", 0);
    private static final TopicPartition P1 = new TopicPartition("price-history", 1);
    private static final HistoryRecord VALUE = aTick().current();

    private final PendingBatches pending = new PendingBatches(10);

    @Test
    void shouldFillTheLastBatchWithLaterPollsUpToTheLimit() {
        pending.addPolled(poll(P0, 0, 4));
        pending.addPolled(poll(P1, 0, 3));
        pending.addPolled(poll(P0, 4, 3));

        assertThat(pending.batchCount()).isEqualTo(1);
        assertThat(pending.hasFullBatch()).isTrue();
        assertThat(offsets(pending.takeFirst())).containsExactly("0@0", "0@1", "0@2", "0@3", "1@0", "1@1", "1@2", "0@4", "0@5", "0@6");
    }

    @Test
    void shouldStartTheNextBatchWithWhatDoesNotFit() {
        pending.addPolled(poll(P0, 0, 6));
        pending.addPolled(poll(P0, 6, 7));
        pending.addPolled(poll(P1, 0, 2));

        assertThat(pending.takeFirst().size()).isEqualTo(10);
        Batch next = pending.takeFirst();
        assertThat(offsets(next)).containsExactly("0@10", "0@11", "0@12", "1@0", "1@1");
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void shouldSplitAPollLargerThanTheLimitIntoFullBatches() {
        pending.addPolled(poll(P0, 0, 3));
        pending.addPolled(poll(P1, 0, 25));

        List<Integer> sizes = new ArrayList<>();
        while (!pending.isEmpty()) {
            sizes.add(pending.takeFirst().size());
        }
        assertThat(sizes).containsExactly(10, 18);
    }

    @Test
    void shouldNotFillABatchOnceItsWriteHasStarted() {
        pending.addPolled(poll(P0, 0, 4));
        Batch writing = pending.takeFirst();
        pending.addPolled(poll(P0, 4, 2));

        assertThat(writing.size()).isEqualTo(4);
        assertThat(offsets(pending.takeFirst())).containsExactly("0@4", "0@5");
    }

    @Test
    void shouldWriteABatchPutBackAsItIsAndFillOnlyWhatCameAfterIt() {
        pending.addPolled(poll(P0, 0, 4));
        Batch failed = pending.takeFirst();
        pending.putBack(List.of(failed));
        pending.addPolled(poll(P0, 4, 2));
        pending.addPolled(poll(P0, 6, 1));

        assertThat(pending.takeFirst()).isSameAs(failed);
        assertThat(offsets(pending.takeFirst())).containsExactly("0@4", "0@5", "0@6");
    }

    @Test
    void shouldPutHalvesBackInOrderInFrontOfWhatWasReadAfter() {
        pending.addPolled(poll(P0, 0, 4));
        Batch failed = pending.takeFirst();
        pending.addPolled(poll(P0, 4, 2));
        pending.putBack(failed.split());

        assertThat(offsets(pending.takeFirst())).containsExactly("0@0", "0@1");
        assertThat(offsets(pending.takeFirst())).containsExactly("0@2", "0@3");
        assertThat(offsets(pending.takeFirst())).containsExactly("0@4", "0@5");
    }

    @Test
    void shouldDropReleasedPartitionsAndTheBatchesLeftEmpty() {
        pending.addPolled(poll(P0, 0, 10));
        pending.addPolled(poll(P1, 0, 3));

        pending.dropPartitions(List.of(P1));

        assertThat(pending.batchCount()).isEqualTo(1);
        assertThat(pending.hasFullBatch()).isTrue();
        assertThat(pending.takeFirst().size()).isEqualTo(10);
    }

    @Test
    void shouldNotCountAPartlyFilledBatchAsFull() {
        pending.addPolled(poll(P0, 0, 9));

        assertThat(pending.hasFullBatch()).isFalse();
    }

    private static Batch poll(TopicPartition partition, long firstOffset, int count) {
        return Batch.of(LongStream.range(firstOffset, firstOffset + count)
                .mapToObj(offset -> new BatchRecord(partition, offset, "AAPL", VALUE)).toList());
    }

    private static List<String> offsets(Batch batch) {
        return batch.records().stream().map(r -> r.partition().partition() + "@" + r.offset()).toList();
    }
}
