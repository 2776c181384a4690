package com.pricefeed.sink.partitions;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.database.HistoryPartitions;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.sink.Main;
import com.pricefeed.sink.PriceSink;
import com.pricefeed.sink.SinkConfig;
import com.pricefeed.sink.support.HistoryTopic;
import com.pricefeed.sink.support.Queries;
import com.pricefeed.testing.KafkaBrokerExtension;
import com.pricefeed.testing.TestDatabase;
import com.pricefeed.testing.TestDatabaseExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database written by the version before partitioning (schema V5) with a million history rows is upgraded in
 * place by the new sink's start: every row and every master link survives, the old table is attached as it was
 * (same file, not rewritten), and new ticks land in partitions of their own.
 */
class HistoryUpgradeIT {

    private static final int ROWS = 1_000_000;
    private static final int SYMBOLS = 1_000;
    /*
     * Ten days of ticks before the test ticks' day (2026-11-24); the last SYMBOLS rows are each symbol's newest. For
     * speed the secondary indexes are built after the rows and the rows skip their (valid by construction) foreign
     * key checks; the schema that results is V5's as it is.
     */
    private static final String LOAD = """
            INSERT INTO market_data_providers (code, display_name) VALUES ('polygon', 'Polygon.io'), ('iex', 'IEX Cloud');
            DROP INDEX idx_price_history_symbol_time, idx_price_history_provider;
            SET session_replication_role = replica;
            INSERT INTO realtime_price_history (id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                                                open_price, high_price, low_price, previous_close)
            SELECT g, 'U' || (g %% %1$d), 100 + (g %% 997) / 100.0, g, TIMESTAMPTZ '2026-11-10' + g * INTERVAL '864 milliseconds',
                   TIMESTAMPTZ '2026-11-10' + g * INTERVAL '864 milliseconds' + INTERVAL '5 milliseconds', 1 + g %% 2,
                   99, 101, 98, 99.5
              FROM generate_series(1, %2$d) AS g;
            RESET session_replication_role;
            CREATE INDEX idx_price_history_symbol_time ON realtime_price_history (symbol, source_timestamp DESC, id DESC);
            CREATE INDEX idx_price_history_provider ON realtime_price_history (provider_id);
            SELECT setval('realtime_price_history_id_seq', %2$d);
            INSERT INTO realtime_symbols (symbol, current_price, company_name, last_updated, provider_id, volume, latest_history_id)
            SELECT symbol, price, 'Company ' || symbol, source_timestamp, provider_id, volume, id
              FROM realtime_price_history WHERE id > %2$d - %1$d""";
    private static final String HISTORY_CHECKSUM = """
            SELECT count(*) || ':' || sum(hashtextextended((id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                                                            open_price, high_price, low_price, previous_close)::text, 0)::numeric)
              FROM realtime_price_history WHERE id <= %d""".formatted(ROWS);
    private static final String MASTER_CHECKSUM = """
            SELECT count(*) || ':' || sum(hashtextextended((symbol, current_price, company_name, last_updated, provider_id,
                                                            volume, latest_history_id)::text, 0)::numeric)
              FROM realtime_symbols WHERE symbol NOT IN ('U1', 'UNEW')""";
    private static final String LINKED = """
            SELECT count(*) FROM realtime_symbols s
              JOIN realtime_price_history h ON h.id = s.latest_history_id AND h.source_timestamp = s.last_updated
                                           AND h.symbol = s.symbol AND h.price = s.current_price""";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();

    static Queries sql;

    @BeforeAll
    static void start() {
        sql = new Queries(database.database());
    }

    @Test
    void shouldUpgradeAMillionRowHistoryInPlaceKeepingEveryRowAndLink() throws Exception {
        Flyway.configure().dataSource(database.config().url(), database.config().user(), database.config().password())
                .locations("classpath:db/migration").target("5").load().migrate();
        sql.execute(LOAD.formatted(SYMBOLS, ROWS));
        String history = sql.text(HISTORY_CHECKSUM);
        String masters = sql.text(MASTER_CHECKSUM);
        long file = sql.number("SELECT relfilenode FROM pg_class WHERE relname = 'realtime_price_history'");

        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-upgrade", 1);
             PriceSink sink = Main.wire(config(topic.name()), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            sink.start();
            topic.send(aTick().symbol("U1").price("250.0000").atSecond(0).current(),
                    aTick().symbol("UNEW").price("10.0000").atSecond(1).current(),
                    aTick().symbol("U2").price("1.0000").at(Instant.parse("2026-11-12T00:00:00Z")).late());
            await().atMost(Duration.ofSeconds(60)).until(() -> sql.number("SELECT count(*) FROM realtime_price_history") == ROWS + 3);
        }

        assertThat(sql.text(HISTORY_CHECKSUM)).isEqualTo(history);
        assertThat(sql.number("SELECT relfilenode FROM pg_class WHERE relname = '" + HistoryPartitions.LEGACY_PARTITION + "'")).isEqualTo(file);
        assertThat(sql.number("SELECT count(*) FROM pg_inherits WHERE inhrelid = '" + HistoryPartitions.LEGACY_PARTITION + "'::regclass")).isEqualTo(1);
        assertThat(sql.number(LINKED)).isEqualTo(SYMBOLS + 1);
        assertThat(sql.number("SELECT count(*) FROM realtime_symbols")).isEqualTo(SYMBOLS + 1);
        assertThat(sql.text(MASTER_CHECKSUM)).isEqualTo(masters);
        // V17 copied each master's previous close from its history row.
        assertThat(sql.number("SELECT count(*) FROM realtime_symbols WHERE previous_close = 99.5 AND symbol NOT IN ('U1', 'UNEW')"))
                .isEqualTo(SYMBOLS - 1);
        assertThat(sql.text("SELECT tableoid::regclass::text FROM realtime_price_history WHERE symbol = 'UNEW'"))
                .isEqualTo("realtime_price_history_p20261124t000000");
        assertThat(sql.text("SELECT tableoid::regclass::text FROM realtime_price_history WHERE symbol = 'U2' AND price = 1"))
                .isEqualTo(HistoryPartitions.LEGACY_PARTITION);
        assertThat(sql.text("SELECT current_price::text FROM realtime_symbols WHERE symbol = 'U1'")).isEqualTo("250.0000");
        assertThat(sql.number(HistoryRetentionIT.NO_DEFAULT_PARTITION)).isEqualTo(1);
        assertThat(sql.number("SELECT count(*) FROM pg_constraint WHERE conname = '" + HistoryPartitions.MASTER_LINK + "' AND convalidated")).isEqualTo(1);
        try (Connection connection = database.connect()) {
            assertThat(DatabaseSchema.verify(connection)).isEmpty();
        }
        assertThat(masters).startsWith((SYMBOLS - 1) + ":");
    }

    @Test
    void shouldMoveTheDefaultPartitionsRowsIntoPartitionsOfTheirOwnWithoutTouchingTheOthers() throws Exception {
        try (TestDatabase v14 = TestDatabase.create()) {
            Queries at14 = new Queries(v14);
            Flyway.configure().dataSource(v14.config().url(), v14.config().user(), v14.config().password())
                    .locations("classpath:db/migration").target("14").load().migrate();
            at14.execute("""
                    INSERT INTO market_data_providers (code, display_name) VALUES ('polygon', 'Polygon.io');
                    SELECT price_history_ensure_partitions('2026-11-24', '2026-11-25', '1 day');
                    INSERT INTO realtime_price_history (symbol, price, source_timestamp, fetched_at, provider_id)
                    SELECT 'D' || (g % 3), g, TIMESTAMPTZ '2026-11-20' + g * INTERVAL '5 hours', now(), 1
                      FROM generate_series(0, 47) AS g;
                    INSERT INTO realtime_symbols (symbol, current_price, last_updated, provider_id, latest_history_id)
                    SELECT DISTINCT ON (symbol) symbol, price, source_timestamp, provider_id, id
                      FROM realtime_price_history ORDER BY symbol, source_timestamp DESC""");
            assertThat(at14.number("SELECT count(*) FROM realtime_price_history_default")).isEqualTo(44);
            String rows = at14.text("SELECT string_agg((id, symbol, price, source_timestamp)::text, ',' ORDER BY id) FROM realtime_price_history");
            long kept = at14.number("SELECT relfilenode FROM pg_class WHERE relname = 'realtime_price_history_p20261124t000000'");

            DatabaseSchema.migrate(v14.config());

            assertThat(at14.number(HistoryRetentionIT.NO_DEFAULT_PARTITION)).isEqualTo(1);
            assertThat(at14.text("SELECT string_agg((id, symbol, price, source_timestamp)::text, ',' ORDER BY id) FROM realtime_price_history"))
                    .isEqualTo(rows);
            assertThat(at14.number("SELECT relfilenode FROM pg_class WHERE relname = 'realtime_price_history_p20261124t000000'")).isEqualTo(kept);
            assertThat(at14.number("SELECT count(*) FROM price_history_partitions()")).isEqualTo(10);
            assertThat(at14.number("""
                    SELECT count(*) FROM realtime_price_history h JOIN price_history_partitions() p ON p.partition_name = h.tableoid::regclass::text
                     WHERE h.source_timestamp >= p.lower_bound AND h.source_timestamp < p.upper_bound""")).isEqualTo(48);
            assertThat(at14.number(LINKED)).isEqualTo(3);
            assertThat(at14.number("SELECT count(*) FROM pg_constraint WHERE conname = '" + HistoryPartitions.MASTER_LINK + "' AND convalidated")).isEqualTo(1);
        }
    }

    private static SinkConfig config(String topic) {
        return new SinkConfig(new KafkaConnection(kafka.bootstrapServers()), database.config(), topic, "group-upgrade", 5000,
                Duration.ofMillis(50), 2, Map.of(), 0, Duration.ofSeconds(1));
    }



}
