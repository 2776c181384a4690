package com.pricefeed.sink.master;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.WriteResult;
import com.pricefeed.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sustained feed through the sink's own writer: 200,000 master updates of 1,000 symbols, each batch moving every
 * symbol forward once. Whatever the server's autovacuum does (it is off on this project's machines), the dead row
 * versions of {@code realtime_symbols} must stay under a bound, measured after every batch.
 */
class MasterVacuumIT {

    private static final int SYMBOLS = 1_000;
    /** The first batch inserts the master rows; each later one updates them all. */
    private static final int BATCHES = 201;
    private static final int VACUUM_AFTER = 10_000;
    /**
     * A run starts once {@link #VACUUM_AFTER} updates have accumulated, at a batch's end, and leaves what was updated
     * while it ran: a few batches' worth at most on a table this small.
     */
    private static final long BOUND = VACUUM_AFTER + 5L * SYMBOLS;
    private static final TopicPartition PARTITION = new TopicPartition("price-history", 0);

    TestDatabase database;
    HikariDataSource writerConnection;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
        DatabaseSchema.prepare(database.config());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.config().url());
        config.setUsername(database.config().user());
        config.setPassword(database.config().password());
        // One connection: the backend whose table counters are flushed before each reading is the writer's.
        config.setMaximumPoolSize(1);
        writerConnection = new HikariDataSource(config);
    }

    @AfterEach
    void dropDatabase() {
        writerConnection.close();
        database.close();
    }

    @Test
    void shouldKeepDeadRowVersionsOfTheMasterTableBoundedUnderASustainedFeed() throws Exception {
        BatchWriter writer = BatchWriter.withDefaults(writerConnection, "price-sink");
        long mostDead = 0;
        long updates = 0;
        try (MasterVacuum vacuum = new MasterVacuum(database.config(), VACUUM_AFTER)) {
            for (int batch = 0; batch < BATCHES; batch++) {
                WriteResult result = writer.write(everySymbolOnce(batch));
                vacuum.updated(result.mastersChanged());
                updates += result.mastersChanged();
                mostDead = Math.max(mostDead, deadRowVersions());
            }
            assertThat(vacuum.runs()).isGreaterThan(10);
        }

        assertThat(updates).isEqualTo((long) SYMBOLS * BATCHES);
        assertThat(mostDead).as("most dead row versions after any batch").isLessThanOrEqualTo(BOUND);
        assertThat(masterRowsPointingAtTheirNewestHistoryRow()).isEqualTo(SYMBOLS);
    }

    @Test
    void shouldNotFailTheSinkWhenItsRoleMayNotVacuumTheTable() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS vacuum_less_" + database.name());
            statement.execute("CREATE ROLE vacuum_less_" + database.name() + " LOGIN");
        }
        DatabaseConfig notOwner = new DatabaseConfig(database.config().url(),
                "vacuum_less_" + database.name(), "");
        try (MasterVacuum vacuum = new MasterVacuum(notOwner, 1)) {
            vacuum.updated(1);
            await().atMost(Duration.ofSeconds(30)).until(vacuum::refused);
            vacuum.updated(1);

            assertThat(vacuum.runs()).isZero();
        } finally {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP ROLE vacuum_less_" + database.name());
            }
        }
    }

    private static Batch everySymbolOnce(int batch) {
        List<BatchRecord> records = new ArrayList<>(SYMBOLS);
        for (int i = 0; i < SYMBOLS; i++) {
            String symbol = "S" + i;
            long offset = (long) batch * SYMBOLS + i;
            records.add(new BatchRecord(PARTITION, offset, symbol,
                    aTick().symbol(symbol).atSecond(batch).price((100 + batch) + ".0000").current()));
        }
        return Batch.of(records);
    }

    /** {@code n_dead_tup} once the writer's backend has sent its counters (it does when idle after the statement). */
    private long deadRowVersions() throws SQLException {
        try (Connection writer = writerConnection.getConnection(); Statement statement = writer.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
        }
        return single("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'realtime_symbols'");
    }

    private long masterRowsPointingAtTheirNewestHistoryRow() throws SQLException {
        return single("""
                SELECT count(*) FROM realtime_symbols s
                 WHERE s.latest_history_id = (SELECT max(h.id) FROM realtime_price_history h WHERE h.symbol = s.symbol)""");
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
