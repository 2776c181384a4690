package com.pricefeed.sink.offsets;

import java.sql.SQLException;

/**
 * The stored position of a partition is already past the first record of the batch being written: another
 * instance (or an earlier attempt of this one whose commit outcome was unknown) has written those records. The
 * batch must be dropped and the partitions re-sought from the database, never written a second time.
 */
public final class PositionConflictException extends SQLException {

    public PositionConflictException(String message) {
        super(message);
    }
}
