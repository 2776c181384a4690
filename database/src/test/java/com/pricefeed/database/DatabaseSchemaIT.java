package com.pricefeed.database;

import com.pricefeed.testing.TestDatabase;
import com.pricefeed.testing.TestDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSchemaIT {

    @RegisterExtension
    static final TestDatabaseExtension migrated = new TestDatabaseExtension();

    @BeforeAll
    static void migrate() {
        DatabaseSchema.prepare(migrated.config());
    }

    @Test
    void shouldCreateAMissingDatabaseAndBringItToThisBuildsVersion() throws SQLException {
        TestDatabase missing = TestDatabase.create();
        missing.close();
        try {
            DatabaseSchema.prepare(missing.config());

            try (Connection connection = missing.connect()) {
                assertThat(DatabaseSchema.verify(connection)).isEmpty();
            }
        } finally {
            missing.close();
        }
    }

    /* What databases migrated before the migrations moved here recorded: a changed file would fail their validation. */
    @Test
    void shouldKeepTheChecksumsThatExistingDatabasesRecorded() throws SQLException {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        try (Connection connection = migrated.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script, checksum FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rows.next()) {
                checksums.put(rows.getString(1), rows.getInt(2));
            }
        }

        // An applied migration must never change; a new one is pinned here when it is added.
        assertThat(checksums).containsExactly(
                Map.entry("V1__realtime_prices.sql", -1989768436),
                Map.entry("V2__sink_change_feed_and_rejects.sql", -1190126696),
                Map.entry("V3__query_api_read_only_role.sql", -1433059134),
                Map.entry("V4__sink_offsets_topic_id.sql", 1346975821),
                Map.entry("V5__revoke_create_on_schema_public.sql", -460297719),
                Map.entry("V6__partition_price_history.sql", -496716792),
                Map.entry("V7__price_history_partition_maintenance.sql", -228527955),
                Map.entry("V10__price_candles_1m.sql", -1369043792),
                Map.entry("V12__sink_writer_role.sql", -1232174279),
                Map.entry("V13__security_definer_routines_for_the_writer_only.sql", -1702522411),
                Map.entry("V14__realtime_symbols_hot_updates.sql", -373774273),
                Map.entry("V15__price_history_without_default_partition.sql", 2019964184),
                Map.entry("V16__realtime_symbols_delisted_at.sql", -1245475792),
                Map.entry("V17__realtime_symbols_previous_close.sql", -1350287234));
    }

    /* price_history_bin stands in for date_bin, which PostgreSQL 13 lacks; here, on a version that has both. */
    @Test
    void shouldBinInstantsAsDateBinDoes() throws SQLException {
        try (Connection connection = migrated.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT count(*) FILTER (WHERE price_history_bin(step, ts)
                                                   IS DISTINCT FROM date_bin(step, ts, TIMESTAMPTZ '2000-01-01Z')), count(*)
                       FROM unnest(ARRAY[INTERVAL '1 minute', INTERVAL '1 hour', INTERVAL '1 day', INTERVAL '7 days',
                                         INTERVAL '366 days']) AS step,
                            generate_series(TIMESTAMPTZ '1969-12-31 23:59:59.999999Z', TIMESTAMPTZ '2040-01-01Z',
                                            INTERVAL '13 days 17 hours 3 minutes 0.000017 seconds') AS ts""")) {
            rows.next();
            assertThat(rows.getLong(2)).isGreaterThan(9_000);
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void shouldNameObjectsTheMigrationsCreate() throws SQLException {
        for (String table : new String[]{Tables.MARKET_DATA_PROVIDERS, Tables.REALTIME_SYMBOLS,
                Tables.REALTIME_PRICE_HISTORY, Tables.SINK_OFFSETS, Tables.SINK_REJECTED_RECORDS,
                Tables.REALTIME_PRICE_CANDLES_1M}) {
            assertThat(exists("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = ?", table)).as(table).isTrue();
        }
        assertThat(exists("SELECT 1 FROM pg_sequences WHERE sequencename = ?", Tables.HISTORY_ID_SEQUENCE)).isTrue();
        assertThat(exists("""
                SELECT 1 FROM pg_constraint WHERE conname = ? AND contype = 'p'
                   AND conrelid = 'realtime_price_history'::regclass""", Tables.HISTORY_PRIMARY_KEY)).isTrue();
        assertThat(exists("SELECT 1 FROM pg_partitioned_table WHERE partrelid = ?::regclass", Tables.REALTIME_PRICE_HISTORY)).isTrue();
        // No default partition (V15): partitions are read newest first, and the writer creates each one it needs.
        assertThat(exists("SELECT 1 FROM pg_partitioned_table WHERE partrelid = ?::regclass AND partdefid = 0", Tables.REALTIME_PRICE_HISTORY)).isTrue();
        assertThat(exists("SELECT 1 FROM pg_constraint WHERE conname = ? AND contype = 'f'", HistoryPartitions.MASTER_LINK)).isTrue();
        assertThat(exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND NOT rolcanlogin", Roles.PRICES_READER)).isTrue();
        assertThat(exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND rolcanlogin", Roles.PRICE_API)).isTrue();
        assertThat(exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND NOT rolcanlogin", Roles.PRICES_WRITER)).isTrue();
        assertThat(exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND rolcanlogin", Roles.PRICE_SINK)).isTrue();
    }

    @Test
    void shouldSayWhyADatabaseIsNotReadyForThisBuild() throws SQLException {
        try (TestDatabase database = TestDatabase.create()) {
            try (Connection connection = database.connect()) {
                assertThat(DatabaseSchema.verify(connection)).contains("database migrations not applied yet");
            }

            // Migration numbers may have gaps: the one before this build's is the highest below VERSION.
            Flyway flyway = Flyway.configure().dataSource(database.config().url(), database.config().user(), database.config().password())
                    .locations("classpath:db/migration").load();
            int previous = Arrays.stream(flyway.info().all()).mapToInt(info -> Integer.parseInt(info.getVersion().getVersion()))
                    .filter(version -> version < DatabaseSchema.VERSION).max().orElseThrow();
            Flyway.configure().configuration(flyway.getConfiguration()).target(Integer.toString(previous)).load().migrate();
            try (Connection connection = database.connect()) {
                assertThat(DatabaseSchema.verify(connection))
                        .contains("database schema at version " + previous + ", this build needs " + DatabaseSchema.VERSION);
            }

            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("UPDATE flyway_schema_history SET success = false WHERE version = '1'");
                assertThat(DatabaseSchema.verify(connection)).contains("a database migration failed");
            }
        }
    }

    private static boolean exists(String sql, String name) throws SQLException {
        try (Connection connection = migrated.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
