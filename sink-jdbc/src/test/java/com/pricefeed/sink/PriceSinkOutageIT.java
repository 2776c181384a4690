package com.pricefeed.sink;

import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.support.HistoryTopic;
import com.pricefeed.sink.support.OpsClient;
import com.pricefeed.sink.support.TableLock;
import com.pricefeed.testing.KafkaBrokerExtension;
import com.pricefeed.testing.TcpProxy;
import com.pricefeed.testing.TestDatabase;
import com.pricefeed.testing.TestDatabaseExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The database goes away under the sink and comes back: nothing is lost, nothing is written twice. */
class PriceSinkOutageIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();

    @Test
    void shouldRetryTheSameBatchWhileTheDatabaseIsUnreachableAndReportNotReady() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        URI server = URI.create(database.config().url().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.start(server.getHost(), server.getPort());
             HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-outage", 2);
             PriceSink sink = Main.wire(config(topic.name(), proxy.port()), registry)) {
            sink.start();
            topic.send(ticks(0, 100));
            await().atMost(Duration.ofSeconds(20)).until(() -> historyRows() == 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readiness().ready());

            proxy.cut();
            topic.send(ticks(100, 300));
            await().atMost(Duration.ofSeconds(20)).until(() -> !sink.readiness().ready()
                    && registry.get("prices.sink.retries").counter().count() >= 2);
            assertThat(historyRows()).isEqualTo(100);

            proxy.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> historyRows() >= 300);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readiness().ready());
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> historyRows() == 300);
            assertThat(count("SELECT sum(next_offset) FROM sink_offsets")).isEqualTo(300);
            assertThat(count("SELECT count(*) FROM realtime_symbols")).isEqualTo(10);
        }
    }

    @Test
    void shouldWaitForTheDatabaseWhenItIsDownAtStartAndReportNotReadyMeanwhile() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // A database of its own: the sink must create its schema only once it can reach the server.
        try (TestDatabase own = TestDatabase.create();
             TcpProxy proxy = TcpProxy.start(host(own), port(own));
             HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-down-at-start", 2);
             PriceSink sink = Main.wire(config(own, topic.name(), proxy.port(), "group-down-at-start"), registry)) {
            proxy.cut();
            sink.start();
            topic.send(ticks(0, 50));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> !sink.readiness().ready() && sink.readiness().detail().contains("schema"));

            proxy.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(own, "SELECT count(*) FROM pg_tables WHERE tablename = 'realtime_price_history'") == 1
                    && count(own, "SELECT count(*) FROM realtime_price_history") == 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readiness().ready());
        }
    }

    @Test
    void shouldStopCleanlyWhileStillWaitingForTheDatabaseAtStart() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        URI server = URI.create(database.config().url().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.start(server.getHost(), server.getPort())) {
            proxy.cut();
            PriceSink sink = Main.wire(config("history-never", proxy.port(), "group-never"), registry);
            sink.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.readiness().ready());

            sink.close();

            assertThat(sink.isRunning()).as("the sink's thread ended within close()").isFalse();
            assertThat(sink.awaitTermination()).isNull();
        }
    }

    @Test
    void shouldTimeOutAWriteBlockedByALockSayWhyAndWriteEverythingOnceWhenTheLockIsReleased() throws Exception {
        DatabaseTimeouts timeouts = new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(10));
        try (TestDatabase own = TestDatabase.create();
             HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-locked", 2);
             PriceSink sink = Main.wire(config(own, topic.name(), port(own), "group-locked").withTimeouts(timeouts), registry())) {
            writeThrough(() -> TableLock.blockingWrites(own, "realtime_symbols"), "lock timeout", sink, topic, own);
        }
    }

    @Test
    void shouldTimeOutAWriteToAHungDatabaseSayWhyAndWriteEverythingOnceWhenItAnswersAgain() throws Exception {
        DatabaseTimeouts timeouts = new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2));
        try (TestDatabase own = TestDatabase.create();
             TcpProxy proxy = TcpProxy.start(host(own), port(own));
             HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-hung", 2);
             PriceSink sink = Main.wire(config(own, topic.name(), proxy.port(), "group-hung").withTimeouts(timeouts), registry())) {
            writeThrough(() -> {
                proxy.stall();
                return proxy::resume;
            }, "database writes failing", sink, topic, own);
        }
    }

    @Test
    void shouldReportNotReadyWhileRecordsWaitLongerThanTheBoundForACommitAndReadyWithTheNextCommit() throws Exception {
        // Timeouts far beyond the bound: only the bound can tell that the sink is stuck.
        DatabaseTimeouts patient = new DatabaseTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(90));
        try (TestDatabase own = TestDatabase.create();
             HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-stuck", 1);
             PriceSink sink = Main.wire(config(own, topic.name(), port(own), "group-stuck")
                     .withTimeouts(patient).withMaxCommitWait(Duration.ofSeconds(2)), registry())) {
            writeThrough(() -> TableLock.blockingWrites(own, "realtime_symbols"), "no commit for", sink, topic, own);
        }
    }

    /** A fault that lasts from its start until it is closed. */
    @FunctionalInterface
    private interface Fault {
        AutoCloseable start() throws Exception;
    }

    /**
     * Writes 50 ticks, then sends 100 more during the fault: readiness must turn 503 with {@code reason} and nothing
     * more be written until the fault ends; then every tick must be written once.
     */
    private static void writeThrough(Fault fault, String reason, PriceSink sink, HistoryTopic topic, TestDatabase target)
            throws Exception {
        sink.start();
        topic.send(ticks(0, 50));
        awaitWrittenAndReady(sink, target, 50);

        try (AutoCloseable lasting = fault.start()) {
            topic.send(ticks(50, 150));
            await().atMost(Duration.ofSeconds(30)).until(() -> OpsClient.readiness(sink.opsPort(), 503, reason));
            assertThat(historyRows(target)).isEqualTo(50);
        }

        awaitWrittenAndReady(sink, target, 150);
        assertWrittenOnce(target, 150);
    }

    private static void awaitWrittenAndReady(PriceSink sink, TestDatabase target, int rows) {
        await().atMost(Duration.ofSeconds(30)).until(() -> historyRows(target) == rows);
        await().atMost(Duration.ofSeconds(10)).until(() -> OpsClient.readiness(sink.opsPort(), 200, "ok"));
    }

    /** Every tick once: none lost, none twice, none set aside, and the stored positions at the end of what was sent. */
    private static void assertWrittenOnce(TestDatabase target, int ticks) throws SQLException {
        assertThat(historyRows(target)).isEqualTo(ticks);
        assertThat(count(target, "SELECT count(DISTINCT (symbol, source_timestamp, price)) FROM realtime_price_history")).isEqualTo(ticks);
        assertThat(count(target, "SELECT sum(next_offset) FROM sink_offsets")).isEqualTo(ticks);
        assertThat(count(target, "SELECT count(*) FROM sink_rejected_records")).isZero();
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    private static List<HistoryRecord> ticks(int from, int to) {
        List<HistoryRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(aTick().symbol("S" + (i % 10)).price((100 + i) + ".0000").atSecond(i).current());
        }
        return records;
    }

    private static SinkConfig config(String topic, int databasePort) {
        return config(database.database(), topic, databasePort, "group-outage");
    }

    private static SinkConfig config(String topic, int databasePort, String group) {
        return config(database.database(), topic, databasePort, group);
    }

    private static SinkConfig config(TestDatabase target, String topic, int databasePort, String group) {
        DatabaseConfig direct = target.config();
        DatabaseConfig viaProxy = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + databasePort + "/" + target.name(),
                direct.user(), direct.password());
        return new SinkConfig(new KafkaConnection(kafka.bootstrapServers()), viaProxy, topic, group, 5000,
                Duration.ofMillis(50), 2, Map.of(), 0, Duration.ofMillis(800));
    }

    private static long historyRows() throws SQLException {
        return historyRows(database.database());
    }

    private static long historyRows(TestDatabase target) throws SQLException {
        return count(target, "SELECT count(*) FROM realtime_price_history");
    }

    private static String host(TestDatabase target) {
        return URI.create(target.config().url().substring("jdbc:".length())).getHost();
    }

    private static int port(TestDatabase target) {
        return URI.create(target.config().url().substring("jdbc:".length())).getPort();
    }

    private static long count(String sql) throws SQLException {
        return count(database.database(), sql);
    }

    private static long count(TestDatabase target, String sql) throws SQLException {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }
}
