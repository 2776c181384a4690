package com.pricefeed.sink.write;

import com.pricefeed.database.Tables;
import com.pricefeed.sink.history.SequenceBehindException;
import com.pricefeed.sink.offsets.PositionConflictException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * What a failed write means for the batch, decided from the exception: whose fault it is, the data's or the
 * system's. Only a fault proven to be a record's own may ever set that record aside.
 */
public enum Failure {

    /**
     * The database rejected a value of a record: a data exception (SQLSTATE class 22, e.g. a number too large for
     * its column) or a NOT NULL or CHECK violation. Some record of the batch is poison.
     */
    DATA,
    /** The batch, or part of it, is already committed: drop it and resume from the stored positions. */
    POSITION_CONFLICT,
    /**
     * A history id is already taken: the id sequence has fallen behind rows already written (restored from a
     * backup, reset by hand). Every batch would fail alike until the sequence is advanced past them.
     */
    SEQUENCE_BEHIND,
    /**
     * Anything else: the database is unreachable, restarting, out of resources, timed out, or failing in a way no
     * record causes. The sink assigns every id and key itself, so a unique or foreign-key violation is never a
     * record's fault either; nor is a history row for which no partition exists (the writer creates partitions
     * before it writes, so one missing was dropped meanwhile: the retry creates it again). The same batch is retried after a backoff; nothing is skipped on an error not proven
     * to be the data's.
     */
    RETRY;

    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String SEQUENCE_GENERATOR_LIMIT_EXCEEDED = "2200H";
    private static final String NOT_NULL_VIOLATION = "23502";
    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";

    public static Failure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SequenceBehindException) {
                return SEQUENCE_BEHIND;
            }
            if (cause instanceof PositionConflictException) {
                return POSITION_CONFLICT;
            }
            if (cause instanceof DataRejectedException) {
                return DATA;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return of(sql);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return RETRY;
    }

    private static Failure of(SQLException failure) {
        String state = failure.getSQLState();
        if (state.equals(UNIQUE_VIOLATION) && isHistoryKey(failure)) {
            return SEQUENCE_BEHIND;
        }
        if (missingPartition(failure)) {
            return RETRY;
        }
        if (state.startsWith(DATA_EXCEPTION_CLASS) && !state.equals(SEQUENCE_GENERATOR_LIMIT_EXCEEDED)) {
            return DATA;
        }
        return state.equals(NOT_NULL_VIOLATION) || state.equals(CHECK_VIOLATION) ? DATA : RETRY;
    }

    /**
     * Whether the failure, or one of its causes, is PostgreSQL finding no partition of the history for a row (a
     * CHECK_VIOLATION naming the table and no constraint), not a constraint the row itself broke.
     */
    public static boolean missingPartition(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && CHECK_VIOLATION.equals(psql.getSQLState())) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return server != null && server.getConstraint() == null && Tables.REALTIME_PRICE_HISTORY.equals(server.getTable());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The history's key, or the key of one of its partitions (named after the partition). */
    private static boolean isHistoryKey(SQLException failure) {
        ServerErrorMessage server = failure instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String constraint = server == null ? null : server.getConstraint();
        return constraint != null && (constraint.equals(Tables.HISTORY_PRIMARY_KEY)
                || constraint.startsWith(Tables.REALTIME_PRICE_HISTORY + "_") && constraint.endsWith("_pkey"));
    }
}
