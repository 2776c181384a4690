package com.pricefeed.sink.poison;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code sink_rejected_records}: where a record the database refused is kept, with the reason, instead of being lost. */
public final class RejectedRecordRepository {

    static final String INSERT = """
            INSERT INTO sink_rejected_records (consumer_group, topic, kafka_partition, kafka_offset, record_key, record_value, error)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final String group;

    public RejectedRecordRepository(String group) {
        this.group = group;
    }

    public void insert(Connection connection, RejectedRecord rejected) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, group);
            statement.setString(2, rejected.partition().topic());
            statement.setInt(3, rejected.partition().partition());
            statement.setLong(4, rejected.offset());
            statement.setString(5, text(rejected.key()));
            statement.setBytes(6, rejected.value());
            statement.setString(7, text(rejected.error()));
            statement.executeUpdate();
        }
    }

    /** PostgreSQL text cannot hold NUL; a key or message carrying one must still be storable. */
    private static String text(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }
}
