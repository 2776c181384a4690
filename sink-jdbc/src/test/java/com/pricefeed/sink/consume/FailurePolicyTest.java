package com.pricefeed.sink.consume;

import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.offsets.PositionConflictException;
import com.pricefeed.sink.write.DataRejectedException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static com.pricefeed.sink.support.ServerErrors.error;
import static com.pricefeed.sink.support.ServerErrors.violation;
import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;

class FailurePolicyTest {

    private static final TopicPartition PARTITION = new TopicPartition("price-history", 0);

    @Test
    void shouldSplitABatchTheDatabaseRejectedForItsData() {
        Batch failed = batch(0, 10);
        SQLException overflow = error("22003", "numeric field overflow");

        Decision decision = FailurePolicy.afterWrite(failed, overflow);

        assertThat(decision).isInstanceOfSatisfying(Decision.Split.class, split -> {
            assertThat(split.halves()).extracting(Batch::records).containsExactly(
                    failed.records().subList(0, 5), failed.records().subList(5, 10));
            assertThat(split.cause()).isSameAs(overflow);
        });
    }

    @Test
    void shouldSetAsideTheOneRecordLeftOfABatchRejectedForItsData() {
        Batch failed = batch(7, 8);

        assertThat(FailurePolicy.afterWrite(failed, new DataRejectedException("a tombstone")))
                .isInstanceOfSatisfying(Decision.SetAside.class, setAside ->
                        assertThat(setAside.record()).isEqualTo(failed.records().get(0)));
    }

    @Test
    void shouldRepairTheSequenceNotSetAsideARecordWhoseIdWasTaken() {
        SQLException taken = violation("23505", "realtime_price_history", "realtime_price_history_pkey");

        assertThat(FailurePolicy.afterWrite(batch(0, 10), taken)).isEqualTo(new Decision.RepairSequence(taken));
        assertThat(FailurePolicy.afterWrite(batch(3, 4), taken)).isEqualTo(new Decision.RepairSequence(taken));
    }

    @Test
    void shouldRetryNotSetAsideASingleRecordWhenTheFaultIsTheSystems() {
        for (SQLException system : List.of(
                violation("23503", "realtime_symbols", "realtime_symbols_provider_id_fkey"),
                violation("23505", "sink_offsets", "sink_offsets_pkey"),
                error("55P03", "canceling statement due to lock timeout"),
                error("57014", "canceling statement due to statement timeout"),
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))) {
            assertThat(FailurePolicy.afterWrite(batch(3, 4), system)).as(system.getMessage()).isEqualTo(new Decision.Retry(system));
        }
    }

    @Test
    void shouldDropAndRepositionWhenTheBatchIsAlreadyWritten() {
        PositionConflictException conflict = new PositionConflictException("already past");

        assertThat(FailurePolicy.afterWrite(batch(0, 10), conflict)).isEqualTo(new Decision.DropAndReposition(conflict));
        assertThat(FailurePolicy.afterSetAside(conflict)).isEqualTo(new Decision.DropAndReposition(conflict));
    }

    @Test
    void shouldRetrySettingARecordAsideRatherThanSkipItUnrecorded() {
        SQLException refused = error("22021", "invalid byte sequence for encoding \"UTF8\"");

        assertThat(FailurePolicy.afterSetAside(refused)).isEqualTo(new Decision.Retry(refused));
    }

    private static Batch batch(int fromOffset, int toOffset) {
        List<BatchRecord> records = new ArrayList<>();
        for (int offset = fromOffset; offset < toOffset; offset++) {
            records.add(new BatchRecord(PARTITION, offset, "S" + offset, aTick().symbol("S" + offset).atSecond(offset).current()));
        }
        return Batch.of(records);
    }
}
