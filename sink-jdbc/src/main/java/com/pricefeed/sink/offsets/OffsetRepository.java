package com.pricefeed.sink.offsets;

import com.pricefeed.sink.batch.OffsetRange;
import com.pricefeed.sink.jdbc.SqlArrays;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code sink_offsets}: the consumer positions of one group, the source of truth for where each partition resumes.
 * They are written in the same transaction as the rows they cover.
 */
public final class OffsetRepository {

    static final String FIND = """
            SELECT topic, kafka_partition, next_offset, topic_id FROM sink_offsets
            WHERE consumer_group = ? AND topic = ANY(?::varchar[]) AND kafka_partition = ANY(?::int[])""";

    /*
     * Advances each partition only if its stored position is not past the first offset the batch covers. When the
     * stored position is past it, those records are already in the table (written by another instance that owned
     * the partition meanwhile, or by an attempt whose commit looked failed but succeeded): the row is left alone,
     * the update count comes up short and the transaction is rolled back. This fences out a zombie writer.
     */
    static final String ADVANCE = """
            WITH advance AS (
                SELECT * FROM unnest(?::varchar[], ?::int[], ?::bigint[], ?::bigint[])
                    AS a(topic, kafka_partition, first_offset, next_offset))
            INSERT INTO sink_offsets AS so (consumer_group, topic, kafka_partition, next_offset)
            SELECT ?, topic, kafka_partition, next_offset FROM advance
            ON CONFLICT (consumer_group, topic, kafka_partition) DO UPDATE SET
                next_offset = EXCLUDED.next_offset,
                updated_at = now()
            WHERE so.next_offset <= (SELECT a.first_offset FROM advance a
                                     WHERE a.topic = EXCLUDED.topic AND a.kafka_partition = EXCLUDED.kafka_partition)""";

    /* Moves a stored position to another log or offset, only if nobody has moved it meanwhile. */
    static final String RESET = """
            UPDATE sink_offsets SET next_offset = ?, topic_id = ?, updated_at = now()
            WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? AND next_offset = ?""";

    /* Records which log a partition's position belongs to: a new row at the log's beginning, or the id on an old row. */
    static final String CLAIM = """
            INSERT INTO sink_offsets AS so (consumer_group, topic, kafka_partition, next_offset, topic_id)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (consumer_group, topic, kafka_partition) DO UPDATE SET topic_id = EXCLUDED.topic_id
            WHERE so.topic_id IS NULL""";

    private final String group;

    public OffsetRepository(String group) {
        this.group = group;
    }

    /** The stored position of each partition that has one. */
    public Map<TopicPartition, StoredPosition> find(Connection connection, Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, StoredPosition> positions = new HashMap<>();
        if (partitions.isEmpty()) {
            return positions;
        }
        List<TopicPartition> list = new ArrayList<>(partitions);
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, group);
            statement.setArray(2, SqlArrays.texts(connection, list, TopicPartition::topic));
            statement.setArray(3, SqlArrays.ints(connection, list, TopicPartition::partition));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TopicPartition partition = new TopicPartition(rows.getString(1), rows.getInt(2));
                    if (partitions.contains(partition)) {
                        positions.put(partition, new StoredPosition(rows.getLong(3), rows.getObject(4, UUID.class)));
                    }
                }
            }
        }
        return positions;
    }

    /** Replaces a stored position with {@code next} in log {@code topicId}, if it still is {@code expected}. */
    public void reset(Connection connection, TopicPartition partition, long expected, long next, UUID topicId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RESET)) {
            statement.setLong(1, next);
            statement.setObject(2, topicId);
            statement.setString(3, group);
            statement.setString(4, partition.topic());
            statement.setInt(5, partition.partition());
            statement.setLong(6, expected);
            statement.executeUpdate();
        }
    }

    /** Stores that the partition's position belongs to log {@code topicId}, starting at {@code beginning} if it has none. */
    public void claim(Connection connection, TopicPartition partition, long beginning, UUID topicId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, group);
            statement.setString(2, partition.topic());
            statement.setInt(3, partition.partition());
            statement.setLong(4, beginning);
            statement.setObject(5, topicId);
            statement.executeUpdate();
        }
    }

    /** Moves every partition to the end of its range, in the caller's transaction; fails if any was already past it. */
    public void advance(Connection connection, Map<TopicPartition, OffsetRange> ranges) throws SQLException {
        List<Map.Entry<TopicPartition, OffsetRange>> entries = new ArrayList<>(ranges.entrySet());
        entries.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition)));
        try (PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
            statement.setArray(1, SqlArrays.texts(connection, entries, e -> e.getKey().topic()));
            statement.setArray(2, SqlArrays.ints(connection, entries, e -> e.getKey().partition()));
            statement.setArray(3, SqlArrays.longs(connection, entries, e -> e.getValue().first()));
            statement.setArray(4, SqlArrays.longs(connection, entries, e -> e.getValue().next()));
            statement.setString(5, group);
            int advanced = statement.executeUpdate();
            if (advanced != entries.size()) {
                throw new PositionConflictException("Group " + group + ": " + (entries.size() - advanced) + " of "
                        + entries.size() + " partitions in " + ranges + " are already stored past the batch's first offset");
            }
        }
    }
}
