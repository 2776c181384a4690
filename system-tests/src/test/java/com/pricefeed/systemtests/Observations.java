package com.pricefeed.systemtests;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.TickIdentity;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the test can observe from outside the services: the tables, the topics and the consumer groups. */
final class Observations {

    static final String DUPLICATES = """
            SELECT symbol, provider_id, source_timestamp, price, volume, count(*)
            FROM realtime_price_history
            GROUP BY symbol, provider_id, source_timestamp, price, volume HAVING count(*) > 1""";

    private static final String HISTORY = """
            SELECT h.symbol, p.code, h.source_timestamp, h.price, h.volume
            FROM realtime_price_history h JOIN market_data_providers p ON p.id = h.provider_id""";

    private static final String MASTERS = """
            SELECT s.symbol, p.code, s.last_updated, s.current_price, s.volume,
                   h.symbol, hp.code, h.source_timestamp, h.price, h.volume
            FROM realtime_symbols s
            JOIN market_data_providers p ON p.id = s.provider_id
            LEFT JOIN realtime_price_history h ON h.id = s.latest_history_id
            LEFT JOIN market_data_providers hp ON hp.id = h.provider_id""";

    /* Bars as stored, against the bars SQL computes from the history: rows in one and not the other, both ways. */
    private static final String BARS_APART = """
            WITH stored AS (
                SELECT symbol, bucket_start, open_price, high_price, low_price, close_price, volume, tick_count,
                       first_tick_time, open_history_id, last_tick_time, close_history_id
                FROM realtime_price_candles_1m),
            computed AS (
                SELECT symbol, date_bin('1 minute', source_timestamp, timestamptz '1970-01-01Z'),
                       (array_agg(price ORDER BY source_timestamp, id))[1], max(price), min(price),
                       (array_agg(price ORDER BY source_timestamp DESC, id DESC))[1], COALESCE(sum(volume), 0), count(*),
                       min(source_timestamp), (array_agg(id ORDER BY source_timestamp, id))[1],
                       max(source_timestamp), (array_agg(id ORDER BY source_timestamp DESC, id DESC))[1]
                FROM realtime_price_history GROUP BY 1, 2)
            SELECT count(*) FROM ((TABLE stored EXCEPT ALL TABLE computed) UNION ALL (TABLE computed EXCEPT ALL TABLE stored)) apart""";

    private final TestDatabase database;

    Observations(TestDatabase database) {
        this.database = database;
    }

    /** A master row: the tick it shows and the identity of the history row its {@code latest_history_id} points at. */
    record Master(TickIdentity shown, TickIdentity pointedAt) {
    }

    long historyRows() throws SQLException {
        return count("SELECT count(*) FROM realtime_price_history");
    }

    /** One-minute bars that disagree with the history rows they summarize (0 when every bar is exact). */
    long barsApartFromHistory() throws SQLException {
        return count(BARS_APART);
    }

    long duplicateGroups() throws SQLException {
        return count("SELECT count(*) FROM (" + DUPLICATES + ") d");
    }

    /** Every history row's identity, as many times as it occurs. */
    List<TickIdentity> historyIdentities() throws SQLException {
        List<TickIdentity> identities = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(HISTORY)) {
            while (rows.next()) {
                identities.add(identity(rows, 1));
            }
        }
        return identities;
    }

    /** The delisting in force of every delisted master row. */
    Map<String, Instant> delisted() throws SQLException {
        Map<String, Instant> delisted = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT symbol, delisted_at FROM realtime_symbols WHERE delisted_at IS NOT NULL")) {
            while (rows.next()) {
                delisted.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return delisted;
    }

    Map<String, Master> masters() throws SQLException {
        Map<String, Master> masters = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(MASTERS)) {
            while (rows.next()) {
                TickIdentity pointedAt = rows.getString(6) == null ? null : identity(rows, 6);
                masters.put(rows.getString(1), new Master(identity(rows, 1), pointedAt));
            }
        }
        return masters;
    }

    /** The sink's stored next offset per partition of {@code price-history}. */
    Map<Integer, Long> sinkPositions(String group) throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT kafka_partition, next_offset FROM sink_offsets WHERE consumer_group = ? AND topic = ?")) {
            statement.setString(1, group);
            statement.setString(2, Topics.PRICE_HISTORY);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return positions;
    }

    /** Records of {@code price-ticks} not yet committed by the processor's group (the topic is not transactional). */
    static long processorLag(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.PRICE_TICKS)).allTopicNames().get()
                .get(Topics.PRICE_TICKS).partitions().stream()
                .map(info -> new TopicPartition(Topics.PRICE_TICKS, info.partition())).toList();
        var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get();
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /**
     * A topic read from the beginning to its last stable offset, committed records only.
     *
     * @param truncated how many records carry each value of the {@code dlq-truncated} header
     */
    record TopicContents(List<byte[]> values, Map<Integer, Long> lastOffsets, Map<String, Long> truncated) {
    }

    static TopicContents readCommitted(String bootstrapServers, String topic) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<byte[]> values = new ArrayList<>();
            Map<Integer, Long> last = new HashMap<>();
            Map<String, Long> truncated = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end " + ends);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                    last.merge(record.partition(), record.offset(), Math::max);
                    Header why = record.headers().lastHeader(DeadLetterHeaders.TRUNCATED);
                    if (why != null) {
                        truncated.merge(new String(why.value(), StandardCharsets.UTF_8), 1L, Long::sum);
                    }
                }
            }
            return new TopicContents(values, last, truncated);
        }
    }

    /** The tick records of {@code price-history}, without its delistings. */
    static List<HistoryRecord> historyRecords(TopicContents contents) {
        Topic<String, HistoryEvent> topic = Topics.priceHistory(Topics.PRICE_HISTORY);
        return contents.values().stream().map(value -> topic.valueSerde().deserializer().deserialize(topic.name(), value))
                .filter(HistoryRecord.class::isInstance).map(HistoryRecord.class::cast).toList();
    }

    private static TickIdentity identity(ResultSet rows, int first) throws SQLException {
        long volume = rows.getLong(first + 4);
        Long nullableVolume = rows.wasNull() ? null : volume;
        return new TickIdentity(rows.getString(first), rows.getString(first + 1),
                rows.getObject(first + 2, OffsetDateTime.class).toInstant(), rows.getBigDecimal(first + 3), nullableVolume);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
