package com.pricefeed.sink.support;

import com.pricefeed.sink.partitions.ExpiredTicks;
import com.pricefeed.sink.partitions.HistoryPartitioning;
import com.pricefeed.sink.partitions.PartitionCoverage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.candles.CandleRepository;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.testing.TestDatabase;
import org.apache.kafka.common.TopicPartition;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A migrated database and the sink's real batch writer over it, for tests of what batches leave in the bars: the
 * bars as stored, and the same bars computed by SQL over the history rows.
 */
public final class BarsDatabase implements AutoCloseable {

    /** The one-minute bars by definition, from the history: open and close by (source timestamp, history id). */
    public static final String FROM_HISTORY = """
            SELECT symbol, date_bin('1 minute', source_timestamp, timestamptz '1970-01-01Z') AS bucket_start,
                   (array_agg(price ORDER BY source_timestamp, id))[1] AS open_price,
                   max(price) AS high_price, min(price) AS low_price,
                   (array_agg(price ORDER BY source_timestamp DESC, id DESC))[1] AS close_price,
                   COALESCE(sum(volume), 0) AS volume, count(*) AS tick_count,
                   min(source_timestamp) AS first_tick_time, (array_agg(id ORDER BY source_timestamp, id))[1] AS open_history_id,
                   max(source_timestamp) AS last_tick_time,
                   (array_agg(id ORDER BY source_timestamp DESC, id DESC))[1] AS close_history_id
            FROM realtime_price_history WHERE symbol = ANY(?::varchar[])
            GROUP BY 1, 2 ORDER BY 1, 2""";
    public static final String STORED = """
            SELECT symbol, bucket_start, open_price, high_price, low_price, close_price, volume, tick_count,
                   first_tick_time, open_history_id, last_tick_time, close_history_id
            FROM realtime_price_candles_1m WHERE symbol = ANY(?::varchar[]) ORDER BY 1, 2""";

    private final TestDatabase database;
    private final HikariDataSource pool;
    private final BatchWriter writer;

    private BarsDatabase(TestDatabase database) {
        this.database = database;
        this.pool = new HikariDataSource();
        pool.setJdbcUrl(database.config().url());
        pool.setUsername(database.config().user());
        pool.setPassword(database.config().password());
        pool.setMaximumPoolSize(2);
        this.writer = BatchWriter.withDefaults(pool, "bars");
    }

    public static BarsDatabase create() {
        TestDatabase database = TestDatabase.create();
        DatabaseSchema.prepare(database.config());
        return new BarsDatabase(database);
    }

    public BatchWriter writer() {
        return writer;
    }

    /** The records as one batch of {@code topic}'s partition 0, at consecutive offsets from {@code firstOffset}. */
    public static Batch batch(String topic, long firstOffset, List<? extends HistoryEvent> records) {
        List<BatchRecord> batch = new ArrayList<>();
        long offset = firstOffset;
        for (HistoryEvent record : records) {
            batch.add(new BatchRecord(new TopicPartition(topic, 0), offset++, record.symbol(), record));
        }
        return Batch.of(batch);
    }

    /** Each row of {@code sql} (with the symbols bound as its one parameter) as its columns' text. */
    public List<List<String>> rows(String sql, List<String> symbols) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("varchar", symbols.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                List<List<String>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rows.getString(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        pool.close();
        database.close();
    }
}
