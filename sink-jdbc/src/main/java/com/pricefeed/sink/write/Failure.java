package com.pricefeed.sink.write;

import com.pricefeed.sink.offsets.PositionConflictException;

import java.sql.SQLException;

/** What a failed write means for the batch, decided from the exception. */
public enum Failure {

    /** The database rejected the data (SQLSTATE class 22 or 23): some record of the batch is poison. */
    DATA,
    /** The batch, or part of it, is already committed: drop it and resume from the stored positions. */
    POSITION_CONFLICT,
    /**
     * Anything else: the database is unreachable, restarting, out of resources, or failing in a way no record
     * causes. The same batch is retried after a backoff; nothing is skipped on an error not proven to be the data's.
     */
    RETRY;

    private static final String DATA_EXCEPTION = "22";
    private static final String INTEGRITY_CONSTRAINT_VIOLATION = "23";

    public static Failure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PositionConflictException) {
                return POSITION_CONFLICT;
            }
            if (cause instanceof DataRejectedException) {
                return DATA;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String sqlClass = sql.getSQLState().length() >= 2 ? sql.getSQLState().substring(0, 2) : "";
                return sqlClass.equals(DATA_EXCEPTION) || sqlClass.equals(INTEGRITY_CONSTRAINT_VIOLATION) ? DATA : RETRY;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return RETRY;
    }
}
