package com.pricefeed.sink.write;

import com.pricefeed.sink.offsets.PositionConflictException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

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
}
