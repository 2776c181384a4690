package com.pricefeed.sink.partitions;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.database.Roles;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.candles.CandleRepository;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.support.Queries;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.WriteResult;
import com.pricefeed.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history has no default partition (V15): the sink's writer, connected as the non-owner writer role and with no
 * maintenance task running, creates the partitions a batch needs before it writes the batch, and a partition that
 * vanished after it created one is created again rather than failing the batch or setting a record aside.
 */
class PartitionsOnDemandIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final TopicPartition TOPIC = new TopicPartition("history-on-demand", 0);

    private TestDatabase database;
    private Queries sql;
    private SimpleMeterRegistry registry;
    private BatchWriter writer;
    private long offset;

    @BeforeEach
    void migrateAndConnectAsTheWriter() throws Exception {
        database = TestDatabase.create();
        DatabaseSchema.prepare(database.config());
        sql = new Queries(database);
        PGSimpleDataSource asWriter = new PGSimpleDataSource();
        asWriter.setURL(database.config().url());
        asWriter.setUser(Roles.PRICE_SINK);
        registry = new SimpleMeterRegistry();
        HistoryPartitioning daily = HistoryPartitioning.DEFAULT;
        writer = new BatchWriter(asWriter, new ProviderRegistry(code -> code), new CopyHistoryWriter(), new CandleRepository(),
                new OffsetRepository("group-on-demand"), new RejectedRecordRepository("group-on-demand"),
                new PartitionCoverage(asWriter, daily, registry),
                new ExpiredTicks(daily, Clock.systemUTC(), value -> new byte[0], registry));
        try (Connection connection = asWriter.getConnection()) {
            new OffsetRepository("group-on-demand").claim(connection, TOPIC, 0, UUID.randomUUID());
        }
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void shouldWriteABatchWhoseTicksFallInDaysWithoutAPartitionAsTheWriterRole() throws Exception {
        assertThat(sql.text("SELECT current_user")).isEqualTo("postgres");
        assertThat(sql.number("SELECT count(*) FROM price_history_partitions()")).isZero();

        WriteResult result = writer.write(batch(
                aTick().symbol("PAST").price("1.0000").at(Instant.parse("1990-03-04T05:06:07Z")).current(),
                aTick().symbol("NOW").price("2.0000").at(NOW).current(),
                aTick().symbol("AHEAD").price("3.0000").at(NOW.plus(Duration.ofDays(40))).current(),
                aTick().symbol("AHEAD").price("4.0000").at(NOW.plus(Duration.ofDays(40)).plusSeconds(1)).current()));

        assertThat(result.historyRows()).isEqualTo(4);
        assertThat(sql.number("SELECT count(*) FROM realtime_price_history")).isEqualTo(4);
        assertThat(sql.text("SELECT tableoid::regclass::text FROM realtime_price_history WHERE symbol = 'PAST'"))
                .isEqualTo("realtime_price_history_p19900304t000000");
        assertThat(sql.number("SELECT count(DISTINCT tableoid) FROM realtime_price_history")).isEqualTo(3);
        assertThat(sql.number("SELECT count(*) FROM price_history_partitions()")).isEqualTo(3);
        assertThat(sql.text("SELECT current_price::text FROM realtime_symbols WHERE symbol = 'AHEAD'")).isEqualTo("4.0000");
        assertThat(sql.number("""
                SELECT count(*) FROM realtime_symbols s
                  JOIN realtime_price_history h ON h.id = s.latest_history_id AND h.source_timestamp = s.last_updated""")).isEqualTo(3);
        assertThat(sql.number("SELECT count(*) FROM sink_rejected_records")).isZero();
        assertThat(created()).isEqualTo(3);
        assertThat(sql.number("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'realtime_price_history_p%' AND tableowner = 'price_sink'"))
                .as("created through the owner's routine, not owned by the writer").isZero();

        writer.write(batch(aTick().symbol("NOW").price("5.0000").at(NOW.plusMillis(1)).current()));
        assertThat(created()).as("a day already covered costs no partition").isEqualTo(3);
    }

    @Test
    void shouldCreateAgainAPartitionDroppedAfterTheWriterCreatedIt() throws Exception {
        Instant day = Instant.parse("2026-06-15T12:00:00Z");
        writer.write(batch(aTick().symbol("GONE").price("1.0000").at(day).current()));
        sql.execute("""
                ALTER TABLE realtime_symbols DROP CONSTRAINT realtime_symbols_latest_history_fkey;
                DELETE FROM realtime_symbols;
                DROP TABLE realtime_price_history_p20260615t000000;
                ALTER TABLE realtime_symbols ADD CONSTRAINT realtime_symbols_latest_history_fkey
                    FOREIGN KEY (latest_history_id, last_updated) REFERENCES realtime_price_history (id, source_timestamp)""");

        writer.write(batch(aTick().symbol("BACK").price("2.0000").at(day.plusSeconds(1)).current()));

        assertThat(sql.text("SELECT tableoid::regclass::text FROM realtime_price_history WHERE symbol = 'BACK'"))
                .isEqualTo("realtime_price_history_p20260615t000000");
        assertThat(sql.text("SELECT current_price::text FROM realtime_symbols WHERE symbol = 'BACK'")).isEqualTo("2.0000");
        assertThat(sql.number("SELECT count(*) FROM sink_rejected_records")).isZero();
        assertThat(created()).isEqualTo(2);
    }

    private Batch batch(HistoryRecord... records) {
        List<BatchRecord> batch = new ArrayList<>();
        for (HistoryRecord record : records) {
            batch.add(new BatchRecord(TOPIC, offset++, record.tick().symbol(), record));
        }
        return Batch.of(batch);
    }

    private double created() {
        return registry.get("prices.sink.history.partitions.created").tag("by", "writer").counter().count();
    }
}
