package com.pricefeed.sink.partitions;

import com.pricefeed.database.HistoryPartitions;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.sink.Main;
import com.pricefeed.sink.PriceSink;
import com.pricefeed.sink.SinkConfig;
import com.pricefeed.sink.support.HistoryTopic;
import com.pricefeed.sink.support.Queries;
import com.pricefeed.testing.KafkaBrokerExtension;
import com.pricefeed.testing.TestDatabaseExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HistoryRetentionIT {

    static final String NO_DEFAULT_PARTITION = "SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'realtime_price_history'::regclass AND partdefid = 0";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String LINKED = """
            SELECT count(*) FROM realtime_symbols s
              JOIN realtime_price_history h ON h.id = s.latest_history_id AND h.source_timestamp = s.last_updated""";

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
    void shouldWriteTicksOfAnyDayIntoPartitionsOfTheirOwn() throws Exception {
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-any-day", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-any-day", HistoryPartitioning.DEFAULT), registry())) {
            sink.start();
            topic.send(aTick().symbol("DAY1").at(Instant.parse("1990-03-04T05:06:07Z")).current(),
                    aTick().symbol("DAY1").at(NOW).current(),
                    aTick().symbol("DAY2").at(NOW.plus(Duration.ofMinutes(4))).current());
            await().atMost(Duration.ofSeconds(30)).until(() -> sql.number("SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'DAY%'") == 3);
        }

        assertThat(sql.text("SELECT tableoid::regclass::text FROM realtime_price_history WHERE source_timestamp < '2000-01-01'"))
                .isEqualTo("realtime_price_history_p19900304t000000");
        assertThat(sql.number(NO_DEFAULT_PARTITION)).isEqualTo(1);
        assertThat(sql.number("SELECT count(*) FROM price_history_partitions() WHERE upper_bound > now() + INTERVAL '1 day'")).isPositive();
    }

    @Test
    void shouldDropWholePartitionsPastTheHorizonKeepingEveryMasterPriceAndLink() throws Exception {
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-before-retention", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-before-retention", HistoryPartitioning.DEFAULT), registry())) {
            sink.start();
            topic.send(aTick().symbol("OLD").price("1.0000").at(daysAgo(10)).current(),
                    aTick().symbol("OLD").price("2.0000").at(daysAgo(9)).current(),
                    aTick().symbol("LIVE").price("3.0000").at(daysAgo(10)).current(),
                    aTick().symbol("LIVE").price("4.0000").at(NOW.minus(Duration.ofHours(1))).current());
            await().atMost(Duration.ofSeconds(30)).until(() -> sql.number("SELECT count(*) FROM realtime_price_history WHERE symbol IN ('OLD', 'LIVE')") == 4);
        }

        PrometheusMeterRegistry registry = registry();
        HistoryPartitioning retention = HistoryPartitioning.DEFAULT.withRetention(Duration.ofDays(7)).withMaintenance(Duration.ofSeconds(1));
        try (HistoryTopic topic = HistoryTopic.create(kafka.bootstrapServers(), "history-retention", 1);
             PriceSink sink = Main.wire(config(topic.name(), "group-retention", retention), registry)) {
            sink.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> sql.number("SELECT count(*) FROM realtime_price_history WHERE symbol IN ('OLD', 'LIVE')") == 2);
            topic.send(aTick().symbol("EXPIRED").at(daysAgo(8)).current(), aTick().symbol("FRESH").at(NOW).current());
            await().atMost(Duration.ofSeconds(30)).until(() -> sql.number("SELECT count(*) FROM realtime_price_history WHERE symbol = 'FRESH'") == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> sql.number("""
                    SELECT count(*) FROM pg_constraint WHERE conname = 'realtime_symbols_latest_history_fkey' AND convalidated""") == 1);
            assertThat(registry.get("prices.sink.history.expired").counter().count()).isEqualTo(1);
            assertThat(registry.get("prices.sink.history.partitions.dropped").counter().count()).isGreaterThanOrEqualTo(2);
        }

        assertThat(sql.text("SELECT current_price::text FROM realtime_symbols WHERE symbol = 'OLD'")).isEqualTo("2.0000");
        assertThat(sql.text("SELECT current_price::text FROM realtime_symbols WHERE symbol = 'LIVE'")).isEqualTo("4.0000");
        assertThat(sql.number(LINKED)).isEqualTo(sql.number("SELECT count(*) FROM realtime_symbols"));
        assertThat(sql.text("SELECT tableoid::regclass::text FROM realtime_price_history WHERE symbol = 'OLD'"))
                .isEqualTo(HistoryPartitions.RETIRED_PARTITION);
        assertThat(sql.number("SELECT count(*) FROM realtime_price_history WHERE symbol = 'EXPIRED'")).isZero();
        assertThat(sql.text("SELECT error FROM sink_rejected_records WHERE consumer_group = 'group-retention' AND record_key = 'EXPIRED'"))
                .startsWith(ExpiredTicks.REASON + ": ");
        assertThat(sql.number("SELECT count(*) FROM pg_class WHERE relname LIKE 'realtime\\_price\\_history\\_drop\\_%'")).isZero();
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static SinkConfig config(String topic, String group, HistoryPartitioning partitioning) {
        return new SinkConfig(new KafkaConnection(kafka.bootstrapServers()), database.config(), topic, group, 5000,
                Duration.ofMillis(50), 2, Map.of(), 0, Duration.ofSeconds(1)).withPartitioning(partitioning);
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }


}
