package com.pricefeed.sink;

import com.pricefeed.database.ChangedSymbols;
import com.pricefeed.database.Channels;
import com.pricefeed.database.Roles;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.sink.support.HistoryTopic;
import com.pricefeed.testing.KafkaBrokerExtension;
import com.pricefeed.testing.TestDatabaseExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.pricefeed.sink.support.Ticks.T0;
import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delistings through the real sink: {@link SymbolDelisting}s and {@link HistoryRecord}s produced onto a
 * {@code price-history} topic with the topic's own serde, as the processor writes them, and the master rows they leave
 * in PostgreSQL. One sink, one single-partition topic: each test waits until the sink's stored position covers what it
 * sent, so "nothing changed" is checked after the sink has written it, not before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelistingIT {

    private static final String TOPIC = "history-delisting";
    private static final String GROUP = "group-delisting";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();
    private HistoryTopic topic;
    private PriceSink sink;
    private long sent;

    @BeforeAll
    void start() {
        topic = HistoryTopic.create(kafka.bootstrapServers(), TOPIC, 1);
        DatabaseConfig owner = database.config();
        SinkConfig config = new SinkConfig(new KafkaConnection(kafka.bootstrapServers()), owner, TOPIC, GROUP, 500,
                Duration.ofMillis(50), 2, Map.of("polygon", "Polygon.io"), 0, Duration.ofSeconds(1))
                .writingAs(new DatabaseConfig(owner.url(), Roles.PRICE_SINK, ""));
        sink = Main.wire(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        sink.start();
    }

    @AfterAll
    void stop() {
        if (sink != null) {
            sink.close();
        }
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void shouldMarkTheRowDelistedAndKeepItsPriceAndLinkAndAnnounceIt() throws Exception {
        try (Connection listener = database.connect()) {
            listen(listener);
            write(aTick().symbol("DL1").price("12.5000").atSecond(1).companyName("One Inc.").current());
            long link = master("DL1").historyId();

            write(delisting("DL1", 5));

            assertThat(master("DL1")).isEqualTo(new Master("12.5000", link, T0.plusSeconds(1), T0.plusSeconds(5)));
            assertThat(text("SELECT company_name FROM realtime_symbols WHERE symbol = 'DL1'")).isEqualTo("One Inc.");
            Set<String> notified = new HashSet<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> collectNotified(listener, notified).contains("DL1"));
        }
    }

    @Test
    void shouldClearTheDelistingWhenATickNewerThanItRelistsTheSymbol() throws Exception {
        write(aTick().symbol("DL2").price("20.0000").atSecond(1).current(), delisting("DL2", 5));
        assertThat(master("DL2").delistedAt()).isEqualTo(T0.plusSeconds(5));

        write(aTick().symbol("DL2").price("21.0000").atSecond(9).current());

        Master relisted = master("DL2");
        assertThat(relisted.price()).isEqualTo("21.0000");
        assertThat(relisted.lastUpdated()).isEqualTo(T0.plusSeconds(9));
        assertThat(relisted.delistedAt()).isNull();
    }

    @Test
    void shouldDoNothingForADelistingOlderThanTheLastPriceOrThanTheDelistingInForce() throws Exception {
        write(aTick().symbol("DL3").price("30.0000").atSecond(10).current());
        Master listed = master("DL3");

        write(delisting("DL3", 5));
        assertThat(master("DL3")).isEqualTo(listed);

        write(delisting("DL3", 20));
        write(delisting("DL3", 15));
        assertThat(master("DL3").delistedAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void shouldMakeALateTickOfADelistedSymbolItsLastPriceAndKeepItDelisted() throws Exception {
        write(aTick().symbol("DL4").price("40.0000").atSecond(1).current(), delisting("DL4", 10));

        write(delistedTick(aTick().symbol("DL4").price("41.0000").atSecond(4), 10));

        Master master = master("DL4");
        assertThat(master.price()).isEqualTo("41.0000");
        assertThat(master.lastUpdated()).isEqualTo(T0.plusSeconds(4));
        assertThat(master.delistedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(master.historyId()).isEqualTo(historyId("DL4", "41.0000"));
    }

    @Test
    void shouldIgnoreADelistingOfAnUnknownSymbolAndCreateTheRowDelistedFromItsLaterOlderTick() throws Exception {
        write(delisting("DL5", 10));
        assertThat(count("SELECT count(*) FROM realtime_symbols WHERE symbol = 'DL5'")).isZero();

        write(delistedTick(aTick().symbol("DL5").price("50.0000").atSecond(3), 10));

        Master master = master("DL5");
        assertThat(master.price()).isEqualTo("50.0000");
        assertThat(master.delistedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'DL5'")).isEqualTo(1);
    }

    @Test
    void shouldApplyEveryStepOfOneBatchInItsOrder() throws Exception {
        // Listed, delisted, relisted, delisted again: in one batch, the row ends where the steps one by one would.
        write(aTick().symbol("DL6").price("60.0000").atSecond(1).current(), delisting("DL6", 3),
                aTick().symbol("DL6").price("61.0000").atSecond(5).current(), delisting("DL6", 7),
                delistedTick(aTick().symbol("DL6").price("62.0000").atSecond(6), 7));

        Master master = master("DL6");
        assertThat(master.price()).isEqualTo("62.0000");
        assertThat(master.delistedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'DL6'")).isEqualTo(3);
    }

    private void write(HistoryEvent... events) throws SQLException {
        topic.send(List.of(events));
        sent += events.length;
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT COALESCE(sum(next_offset), 0) FROM sink_offsets WHERE consumer_group = '" + GROUP + "'") == sent);
    }

    private static SymbolDelisting delisting(String symbol, long second) {
        return new SymbolDelisting(symbol, T0.plusSeconds(second), "nasdaq", T0.plusSeconds(second).plusMillis(50));
    }

    /** A tick older than the delisting in force that became the delisted symbol's last price. */
    private static HistoryRecord delistedTick(com.pricefeed.sink.support.Ticks tick, long delistedSecond) {
        HistoryRecord current = tick.current();
        return new HistoryRecord(current.tick(), current.receivedAt(), true, T0.plusSeconds(delistedSecond));
    }

    private Master master(String symbol) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement("""
                SELECT current_price::text, latest_history_id, last_updated, delisted_at
                  FROM realtime_symbols WHERE symbol = ?""")) {
            statement.setString(1, symbol);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("master row of " + symbol).isTrue();
                OffsetDateTime delisted = rows.getObject(4, OffsetDateTime.class);
                return new Master(rows.getString(1), rows.getLong(2), rows.getObject(3, OffsetDateTime.class).toInstant(),
                        delisted == null ? null : delisted.toInstant());
            }
        }
    }

    private long historyId(String symbol, String price) throws SQLException {
        return count("SELECT id FROM realtime_price_history WHERE symbol = '" + symbol + "' AND price = " + price);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + Channels.REALTIME_SYMBOLS_CHANGED);
        }
    }

    private static Set<String> collectNotified(Connection connection, Set<String> symbols) throws SQLException {
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(200);
        for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
            ChangedSymbols.parse(notification.getParameter()).ifPresent(symbols::addAll);
        }
        return symbols;
    }

    private record Master(String price, long historyId, Instant lastUpdated, Instant delistedAt) {
    }
}
