package com.pricefeed.sink;

import com.pricefeed.database.Roles;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.database.ChangedSymbols;
import com.pricefeed.database.Channels;
import com.pricefeed.sink.support.HistoryTopic;
import com.pricefeed.sink.support.OpsClient;
import com.pricefeed.testing.KafkaBrokerExtension;
import com.pricefeed.testing.TestDatabaseExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PriceSinkIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();

    @Test
    void shouldWriteHistoryAndAMasterRowPointingAtTheNewestTick() throws Exception {
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-newest", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-newest", 5000), registry());
             Connection listener = database.connect()) {
            listen(listener);
            sink.start();
            topic.send(
                    aTick().symbol("AAPL").price("189.2300").atSecond(1).companyName("Apple Inc.").marketCap("2950000000000.00")
                            .previousClose("187.4400").current(),
                    aTick().symbol("AAPL").price("190.1000").atSecond(3).provider("iex").previousClose("188.0000").current(),
                    aTick().symbol("AAPL").price("150.0000").atSecond(2).previousClose("1.0000").late(),
                    aTick().symbol("PCLS").price("410.0000").atSecond(1).previousClose("409.5000").current(),
                    aTick().symbol("PCLS").price("411.0000").atSecond(2).current());

            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'AAPL'") == 3);

            Map<String, Object> master = row("""
                    SELECT rs.current_price::text AS price, rs.company_name, rs.market_cap::text AS market_cap, p.code,
                           rs.previous_close::text AS previous_close,
                           h.price::text AS history_price, h.source_timestamp = rs.last_updated AS same_time
                    FROM realtime_symbols rs
                    JOIN realtime_price_history h ON h.id = rs.latest_history_id
                    JOIN market_data_providers p ON p.id = rs.provider_id
                    WHERE rs.symbol = 'AAPL'""");
            assertThat(master).containsEntry("price", "190.1000").containsEntry("history_price", "190.1000")
                    .containsEntry("code", "iex").containsEntry("same_time", true)
                    .containsEntry("company_name", "Apple Inc.").containsEntry("market_cap", "2950000000000.00")
                    .containsEntry("previous_close", "188.0000");
            // The previous close is the newest tick's own: one that states none leaves none, whatever came before.
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'PCLS'") == 2);
            assertThat(row("SELECT current_price::text AS price, previous_close FROM realtime_symbols WHERE symbol = 'PCLS'"))
                    .containsEntry("price", "411.0000").containsEntry("previous_close", null);
            assertThat(count("SELECT next_offset FROM sink_offsets WHERE consumer_group = 'group-newest' AND topic = 'history-newest' AND kafka_partition = 0"))
                    .isEqualTo(5);
            assertThat(row("SELECT display_name FROM market_data_providers WHERE code = 'polygon'")).containsEntry("display_name", "Polygon.io");
            Set<String> notified = new HashSet<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> collectNotified(listener, notified).contains("AAPL"));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readiness().ready());
            assertThat(row("""
                    SELECT string_agg(DISTINCT usename, ',') AS roles FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = 'price-sink'""")).containsEntry("roles", Roles.PRICE_SINK);
            assertThat(get(sink.opsPort(), "/metrics")).contains("prices_sink_rows_total", "prices_sink_batches_total",
                    "prices_sink_newest_source_age_seconds", "kafka_consumer");
        }
    }

    @Test
    void shouldNeverMoveTheMasterBackWhenOldTicksAreReplayedAsCurrent() throws Exception {
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-replay", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-replay", 5000), registry())) {
            sink.start();
            List<HistoryRecord> ticks = new ArrayList<>();
            for (int second = 1; second <= 5; second++) {
                ticks.add(aTick().symbol("MSFT").price(second + "00.0000").atSecond(second).current());
            }
            topic.send(ticks);
            await().atMost(Duration.ofSeconds(20)).until(() -> "500.0000".equals(masterPrice("MSFT")));
            long latest = count("SELECT latest_history_id FROM realtime_symbols WHERE symbol = 'MSFT'");

            topic.send(ticks.get(0), ticks.get(2),
                    // Same source timestamp as the master: loses on the content tie rule (lower provider code, lower price).
                    aTick().symbol("MSFT").price("499.0000").atSecond(5).current(),
                    aTick().symbol("MSFT").price("900.0000").atSecond(5).provider("iex").current());

            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'MSFT'") == 9);
            assertThat(masterPrice("MSFT")).isEqualTo("500.0000");
            assertThat(count("SELECT latest_history_id FROM realtime_symbols WHERE symbol = 'MSFT'")).isEqualTo(latest);
        }
    }

    @Test
    void shouldWriteEveryRecordExactlyOnceAcrossARestart() throws Exception {
        int symbols = 40;
        int perSymbol = 60;
        List<HistoryRecord> records = randomWalk(symbols, perSymbol, new Random(7));
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-restart", 3)) {
            topic.send(records);
            // Small batches, so that the stream outlasts the first sink by far.
            SinkConfig config = config(topic.name(), "group-restart", 10);
            try (PriceSink first = Main.wire(config, registry())) {
                first.start();
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(20))
                        .until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'R%'") > 0);
            }
            long afterFirst = count("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'R%'");
            // The restart came mid-stream: some records written, not all, and the stored positions cover exactly those.
            assertThat(afterFirst).isStrictlyBetween(0L, (long) records.size());
            assertThat(count("SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'group-restart'")).isEqualTo(afterFirst);
            try (PriceSink second = Main.wire(config, registry())) {
                second.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'R%'") >= records.size());
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                        .until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'R%'") == records.size());
            }
            assertThat(count("""
                    SELECT count(*) FROM (SELECT DISTINCT symbol, source_timestamp, provider_id, price, volume
                                          FROM realtime_price_history WHERE symbol LIKE 'R%') d""")).isEqualTo(records.size());
            assertThat(count("SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'group-restart'")).isEqualTo(records.size());
            assertThat(count("""
                    SELECT count(*) FROM realtime_symbols rs
                    JOIN realtime_price_history h ON h.id = rs.latest_history_id
                    WHERE rs.symbol LIKE 'R%'
                      AND h.symbol = rs.symbol AND h.price = rs.current_price AND h.source_timestamp = rs.last_updated
                      AND h.source_timestamp = (SELECT max(source_timestamp) FROM realtime_price_history x WHERE x.symbol = rs.symbol)"""))
                    .isEqualTo(symbols);
        }
    }

    @Test
    void shouldStartAfreshWhenTheHistoryTopicWasDeletedAndCreatedAgain() throws Exception {
        SinkConfig config = config("history-recreated", "group-recreated", 5000);
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-recreated", 1);
             PriceSink sink = Main.wire(config, registry())) {
            sink.start();
            for (int second = 1; second <= 5; second++) {
                topic.send(aTick().symbol("RCRT").price(second + ".0000").atSecond(second).current());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'RCRT'") == 5);
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.deleteTopics(List.of("history-recreated")).all().get();
            await().atMost(Duration.ofSeconds(20)).until(() -> !admin.listTopics().names().get().contains("history-recreated"));
        }
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-recreated", 1);
             PriceSink sink = Main.wire(config, registry())) {
            List<HistoryRecord> newer = new ArrayList<>();
            for (int second = 6; second <= 12; second++) {
                newer.add(aTick().symbol("RCRT").price(second + ".0000").atSecond(second).current());
            }
            // More records than the old log had: only the topic's new id tells the stored position 5 is not theirs.
            topic.send(newer);
            sink.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'RCRT'") == 12);
            await().atMost(Duration.ofSeconds(10)).until(() -> "12.0000".equals(masterPrice("RCRT")));
            assertThat(count("SELECT next_offset FROM sink_offsets WHERE consumer_group = 'group-recreated'")).isEqualTo(7);
        }
    }

    @Test
    void shouldWriteEveryRecordOnceWhileASecondInstanceJoinsAndTheFirstLeaves() throws Exception {
        List<HistoryRecord> records = randomWalk(30, 150, new Random(11)).stream()
                .map(r -> new HistoryRecord(new com.pricefeed.schemas.tick.PriceTick("Q" + r.tick().symbol(), r.tick().price(),
                        r.tick().sourceTimestamp(), r.tick().provider(), r.tick().volume(), null, null, null, null, null, null),
                        r.receivedAt(), r.becameCurrent()))
                .toList();
        String rows = "SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'QR%'";
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-scale", 4)) {
            SinkConfig config = config(topic.name(), "group-scale", 20);
            PrometheusMeterRegistry secondMetrics = registry();
            PriceSink first = Main.wire(config, registry());
            try (PriceSink second = Main.wire(config, secondMetrics)) {
                first.start();
                topic.send(records.subList(0, 1500));
                await().atMost(Duration.ofSeconds(20)).until(() -> count(rows) > 0);
                second.start();
                // Keep records coming until the rebalance has given the second instance partitions it writes to.
                AtomicInteger sent = new AtomicInteger(1500);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    int from = sent.getAndAdd(20);
                    topic.send(records.subList(from, from + 20));
                    return secondMetrics.get("prices.sink.rows").counter().count() > 0;
                });
                first.close();
                topic.send(records.subList(sent.get(), records.size()));
                await().atMost(Duration.ofSeconds(30)).until(() -> count(rows) >= records.size());
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> count(rows) == records.size());
            } finally {
                first.close();
            }
            assertThat(count("SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'group-scale'")).isEqualTo(records.size());
        }
    }

    @Test
    void shouldWriteCommittedTransactionsOnlyAndStepOverTheirMarkers() throws Exception {
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-transactions", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-transactions", 5000), registry())) {
            sink.start();
            topic.sendInTransaction(List.of(aTick().symbol("TX").price("1.0000").atSecond(1).current(),
                    aTick().symbol("TX").price("2.0000").atSecond(2).current()), true);
            topic.sendInTransaction(List.of(aTick().symbol("TX").price("9.0000").atSecond(9).current()), false);
            topic.sendInTransaction(List.of(aTick().symbol("TX").price("3.0000").atSecond(3).current()), true);

            await().atMost(Duration.ofSeconds(20)).until(() -> "3.0000".equals(masterPrice("TX")));
            assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'TX'")).isEqualTo(3);
            assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'TX' AND price = 9")).isZero();
            // Offsets 0-1 data, 2 marker, 3 aborted, 4 marker, 5 data, 6 marker: the stored position is past record 5.
            assertThat(count("SELECT next_offset FROM sink_offsets WHERE consumer_group = 'group-transactions'")).isEqualTo(6);
        }
    }

    @Test
    void shouldSetAsideRecordsTheDatabaseRejectsAndKeepWriting() throws Exception {
        PrometheusMeterRegistry registry = registry();
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-poison", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-poison", 5000), registry)) {
            List<HistoryRecord> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(aTick().symbol("P" + i).price("10.0000").atSecond(i).current());
            }
            // Beyond DECIMAL(15,4): the processor would have rejected it; the database does here.
            batch.add(5, aTick().symbol("PBAD").price("12345678901234567890").atSecond(1).current());
            topic.send(batch);
            topic.sendRaw("PRAW", "not a history record".getBytes(StandardCharsets.UTF_8));
            topic.send(aTick().symbol("PLAST").price("11.0000").atSecond(20).current());
            sink.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'P%'") == 11);
            assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'PBAD'")).isZero();
            assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'PLAST'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM sink_rejected_records WHERE consumer_group = 'group-poison'")).isEqualTo(2);
            assertThat(count("SELECT kafka_offset FROM sink_rejected_records WHERE consumer_group = 'group-poison' AND record_key = 'PBAD'")).isEqualTo(5);
            assertThat(count("SELECT kafka_offset FROM sink_rejected_records WHERE consumer_group = 'group-poison' AND record_key = 'PRAW'")).isEqualTo(11);
            assertThat(count("SELECT next_offset FROM sink_offsets WHERE consumer_group = 'group-poison'")).isEqualTo(13);
            assertThat(registry.get("prices.sink.poison").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void shouldAdvanceAHistorySequenceLeftBehindExistingRowsAndSetNoTickAside() throws Exception {
        PrometheusMeterRegistry registry = registry();
        String rows = "SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'SQ%'";
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-sequence", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-sequence", 5000), registry)) {
            sink.start();
            topic.send(sequenceTicks(0, 1000));
            await().atMost(Duration.ofSeconds(20)).until(() -> count(rows) == 1000);

            // As after the table was restored without its sequence, or the sequence reset by hand: the next ids are taken.
            execute("SELECT setval('realtime_price_history_id_seq', 1)");
            topic.send(sequenceTicks(1000, 1030));

            await().atMost(Duration.ofSeconds(20)).until(() -> count(rows) == 1030);
            assertThat(count("SELECT count(*) FROM sink_rejected_records WHERE consumer_group = 'group-sequence'")).isZero();
            assertThat(count("SELECT next_offset FROM sink_offsets WHERE consumer_group = 'group-sequence'")).isEqualTo(1030);
            assertThat(registry.get("prices.sink.sequence.repairs").counter().count()).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readiness().ready());
        }
    }

    private static List<HistoryRecord> sequenceTicks(int from, int to) {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(aTick().symbol("SQ" + (i % 20)).price((100 + i) + ".0000").atSecond(i).current());
        }
        return records;
    }

    /** The sink as deployed: migrating as the owner, writing as its own role that may only write the price tables. */
    static SinkConfig config(String topic, String group, int maxBatch) {
        DatabaseConfig owner = database.config();
        return config(topic, group, maxBatch, owner).writingAs(new DatabaseConfig(owner.url(), Roles.PRICE_SINK, ""));
    }

    static SinkConfig config(String topic, String group, int maxBatch, DatabaseConfig databaseConfig) {
        return new SinkConfig(new KafkaConnection(kafka.bootstrapServers()), databaseConfig, topic, group, maxBatch,
                Duration.ofMillis(50), 2, Map.of("polygon", "Polygon.io"), 0, Duration.ofSeconds(1));
    }

    static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    private static List<HistoryRecord> randomWalk(int symbols, int perSymbol, Random random) {
        List<HistoryRecord> records = new ArrayList<>();
        double[] prices = new double[symbols];
        Arrays.fill(prices, 100);
        for (int i = 0; i < perSymbol; i++) {
            for (int s = 0; s < symbols; s++) {
                prices[s] = Math.max(1, prices[s] + random.nextGaussian());
                boolean late = i > 0 && random.nextInt(10) == 0;
                var tick = aTick().symbol("R" + s).price(String.format(java.util.Locale.ROOT, "%.4f", prices[s]))
                        .atSecond(late ? -1 - i : i).provider(random.nextBoolean() ? "polygon" : "iex").volume((long) i);
                records.add(late ? tick.late() : tick.current());
            }
        }
        return records;
    }

    private static String masterPrice(String symbol) throws SQLException {
        Map<String, Object> row = row("SELECT current_price::text AS price FROM realtime_symbols WHERE symbol = '" + symbol + "'");
        return row == null ? null : (String) row.get("price");
    }

    static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Map<String, Object> row(String sql) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
            }
            return row;
        }
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + Channels.REALTIME_SYMBOLS_CHANGED);
        }
    }

    /** The symbols announced on the change channel so far. */
    private static Set<String> collectNotified(Connection connection, Set<String> symbols) throws SQLException {
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(200);
        for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
            String payload = notification.getParameter();
            assertThat(payload).startsWith(ChangedSymbols.PREFIX);
            symbols.addAll(List.of(payload.substring(ChangedSymbols.PREFIX.length()).split(",")));
        }
        return symbols;
    }

    private static String get(int port, String path) {
        return OpsClient.get(port, path).body();
    }
}
