package com.pricefeed.sink.write;

import com.pricefeed.sink.offsets.PositionConflictException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static com.pricefeed.sink.support.ServerErrors.error;
import static com.pricefeed.sink.support.ServerErrors.violation;
import static org.assertj.core.api.Assertions.assertThat;

class FailureTest {

    @Test
    void shouldBlameTheDataOnlyForDataExceptionsAndConstraintViolations() {
        assertThat(Failure.of(new SQLException("numeric field overflow", "22003"))).isEqualTo(Failure.DATA);
        assertThat(Failure.of(new SQLException("value too long", "22001"))).isEqualTo(Failure.DATA);
        assertThat(Failure.of(new SQLException("check violation", "23514"))).isEqualTo(Failure.DATA);
        assertThat(Failure.of(new DataRejectedException("tombstone"))).isEqualTo(Failure.DATA);
    }

    @Test
    void shouldRetryOutagesAndAnythingNotProvenToBeTheData() {
        assertThat(Failure.of(new SQLException("connection refused", "08001"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("terminating connection due to administrator command", "57P01"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLTransientConnectionException("pool timeout"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("permission denied", "42501"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new IllegalStateException("bug"))).isEqualTo(Failure.RETRY);
    }

    @Test
    void shouldFindTheCauseBehindAWrapper() {
        assertThat(Failure.of(new SQLException("COPY failed", new SQLException("invalid input", "22P02")))).isEqualTo(Failure.DATA);
        assertThat(Failure.of(new SQLException("wrapped", new PositionConflictException("already written")))).isEqualTo(Failure.POSITION_CONFLICT);
    }

    @Test
    void shouldTellASequenceBehindExistingRowsFromPoisonData() {
        assertThat(Failure.of(violation("23505", "realtime_price_history", "realtime_price_history_pkey")))
                .isEqualTo(Failure.SEQUENCE_BEHIND);
        assertThat(Failure.of(new SQLException("COPY failed", violation("23505", "realtime_price_history", "realtime_price_history_pkey"))))
                .isEqualTo(Failure.SEQUENCE_BEHIND);
    }

    @Test
    void shouldNeverBlameARecordForAKeyTheSinkAssigns() {
        assertThat(Failure.of(violation("23505", "market_data_providers", "market_data_providers_code_key"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(violation("23505", "sink_offsets", "sink_offsets_pkey"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("duplicate key, constraint unknown", "23505"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(violation("23503", "realtime_symbols", "realtime_symbols_provider_id_fkey"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(violation("23503", "realtime_symbols", "realtime_symbols_latest_history_id_fkey"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(error("2200H", "nextval: reached maximum value of sequence"))).isEqualTo(Failure.RETRY);
    }

    @Test
    void shouldRetryAHistoryRowWhosePartitionIsMissingButBlameACheckTheRowBroke() {
        PSQLException noPartition = new PSQLException(new ServerErrorMessage("SERROR\0C23514\0Mno partition of relation "
                + "\"realtime_price_history\" found for row\0spublic\0trealtime_price_history\0"));
        assertThat(Failure.missingPartition(noPartition)).isTrue();
        assertThat(Failure.of(noPartition)).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("COPY failed", noPartition))).isEqualTo(Failure.RETRY);
        assertThat(Failure.missingPartition(violation("23514", "realtime_price_history", "price_positive"))).isFalse();
        assertThat(Failure.of(violation("23514", "realtime_price_history", "price_positive"))).isEqualTo(Failure.DATA);
    }

    @Test
    void shouldRetryTimeoutsAndCancellations() {
        assertThat(Failure.of(error("55P03", "canceling statement due to lock timeout"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(error("57014", "canceling statement due to statement timeout"))).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isEqualTo(Failure.RETRY);
    }

    @Test
    void shouldBlameARecordForAMissingValueItCarries() {
        assertThat(Failure.of(violation("23502", "realtime_price_history", "realtime_price_history_symbol_not_null"))).isEqualTo(Failure.DATA);
    }
}
