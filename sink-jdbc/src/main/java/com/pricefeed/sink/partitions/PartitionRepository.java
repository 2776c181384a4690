package com.pricefeed.sink.partitions;

import com.pricefeed.database.HistoryPartitions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The calls of {@link HistoryPartitions}, each in the caller's transaction. */
final class PartitionRepository {

    private PartitionRepository() {
    }

    /** Makes sure partitions cover {@code [from, to)}; returns how many it created. */
    static int ensure(Connection connection, Instant from, Instant to, HistoryPartitioning settings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HistoryPartitions.ENSURE)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            statement.setString(3, settings.stepInterval());
            return single(statement);
        }
    }

    /** Makes sure a partition covers each of {@code instants}; returns how many it created. */
    static int cover(Connection connection, List<Instant> instants, HistoryPartitioning settings) throws SQLException {
        return HistoryPartitions.cover(connection, instants, settings.step());
    }

    /** The upper bound of the newest partition, or empty when there is none (or it reaches MAXVALUE). */
    static Optional<Instant> coveredUntil(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HistoryPartitions.LIST);
             ResultSet rows = statement.executeQuery()) {
            Instant until = null;
            while (rows.next()) {
                Timestamp upper = rows.getTimestamp("upper_bound");
                if (upper == null) {
                    return Optional.empty();
                }
                until = upper.toInstant();
            }
            return Optional.ofNullable(until);
        }
    }

    /** Detaches the partitions wholly before {@code horizon}, waiting at most {@code lockWait} for the locks. */
    static int detachBefore(Connection connection, Instant horizon, Duration lockWait) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = " + lockWait.toMillis());
        }
        try (PreparedStatement statement = connection.prepareStatement(HistoryPartitions.DETACH_BEFORE)) {
            statement.setTimestamp(1, Timestamp.from(horizon));
            return single(statement);
        }
    }

    static int dropDetached(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HistoryPartitions.DROP_DETACHED)) {
            return single(statement);
        }
    }

    static void validateLinks(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HistoryPartitions.VALIDATE_LINKS)) {
            statement.execute();
        }
    }

    private static int single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
