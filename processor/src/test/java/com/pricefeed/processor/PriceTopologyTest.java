package com.pricefeed.processor;

import com.pricefeed.processor.dlq.RefusedDeadLetters;
import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.RejectReason;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.pricefeed.testing.TickBuilder.aTick;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class PriceTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Nested
    class Keying {

        @Test
        void shouldKeyHistoryAndMasterByNormalizedSymbolWhateverTheInputKey() {
            harness.send("something-else".getBytes(UTF_8), aTick().symbol("  aapl ").provider(" Polygon ").at(T0).bytes());

            TestRecord<String, HistoryRecord> history = harness.history.readRecord();
            assertThat(history.key()).isEqualTo("AAPL");
            assertThat(history.value().tick().symbol()).isEqualTo("AAPL");
            assertThat(history.value().tick().provider()).isEqualTo("polygon");
            KeyValue<String, MasterRecord> master = harness.realtimeSymbols.readKeyValue();
            assertThat(master.key).isEqualTo("AAPL");
            assertThat(master.value.symbol()).isEqualTo("AAPL");
            assertThat(harness.master("AAPL")).isEqualTo(master.value);
        }

        @Test
        void shouldAcceptTicksWithoutAKey() {
            harness.send(null, aTick().symbol("MSFT").at(T0).bytes());

            assertThat(harness.history.readKeyValue().key).isEqualTo("MSFT");
        }
    }

    @Nested
    class NewestWins {

        @Test
        void shouldKeepNewerMasterWhenLateTickArrives() {
            harness.send(aTick().price("101.00").at(T0.plusSeconds(10)).bytes());
            harness.send(aTick().price("100.00").at(T0).bytes());

            List<HistoryRecord> history = harness.history.readValuesToList();
            assertThat(history).extracting(HistoryRecord::becameCurrent).containsExactly(true, false);
            assertThat(history.get(1).tick().price()).isEqualByComparingTo("100.00");
            List<MasterRecord> masters = harness.realtimeSymbols.readValuesToList();
            assertThat(masters).singleElement().satisfies(master -> {
                assertThat(master.price()).isEqualByComparingTo("101.00");
                assertThat(master.lastUpdated()).isEqualTo(T0.plusSeconds(10));
            });
            assertThat(harness.master("AAPL").price()).isEqualByComparingTo("101.00");
            assertThat(harness.count(TickCounters.LATE)).isEqualTo(1.0);
        }

        @Test
        void shouldMoveMasterForwardWhenNewerTickArrives() {
            harness.send(aTick().price("100.00").at(T0).bytes());
            harness.send(aTick().price("101.00").at(T0.plusMillis(1)).bytes());

            assertThat(harness.history.readValuesToList()).extracting(HistoryRecord::becameCurrent).containsExactly(true, true);
            assertThat(harness.realtimeSymbols.readValuesToList()).extracting(MasterRecord::price)
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("100.00"), new BigDecimal("101.00"));
            assertThat(harness.master("AAPL").price()).isEqualByComparingTo("101.00");
        }

        @Test
        void shouldKeepSymbolsIndependent() {
            harness.send(aTick().symbol("AAPL").price("100.00").at(T0.plusSeconds(60)).bytes());
            harness.send(aTick().symbol("MSFT").price("400.00").at(T0).bytes());

            assertThat(harness.history.readValuesToList()).extracting(HistoryRecord::becameCurrent).containsExactly(true, true);
            assertThat(harness.master("MSFT").price()).isEqualByComparingTo("400.00");
        }

        @Test
        void shouldBreakTimestampTiesByContentNotByArrivalOrder() {
            harness.send(aTick().symbol("AAA").provider("alpha").price("10.00").at(T0).bytes());
            harness.send(aTick().symbol("AAA").provider("beta").price("9.00").at(T0).bytes());
            harness.send(aTick().symbol("BBB").provider("beta").price("9.00").at(T0).bytes());
            harness.send(aTick().symbol("BBB").provider("alpha").price("10.00").at(T0).bytes());

            assertThat(harness.master("AAA").provider()).isEqualTo("beta");
            assertThat(harness.master("BBB").provider()).isEqualTo("beta");
            assertThat(harness.history.readValuesToList()).extracting(HistoryRecord::becameCurrent)
                    .containsExactly(true, true, true, false);
        }

        @Test
        void shouldPreferGreaterPriceWhenTimestampAndProviderTie() {
            harness.send(aTick().price("10.00").at(T0).bytes());
            harness.send(aTick().price("10.50").at(T0).bytes());
            harness.send(aTick().price("10.25").at(T0).bytes());

            assertThat(harness.master("AAPL").price()).isEqualByComparingTo("10.50");
            assertThat(harness.history.readValuesToList()).extracting(HistoryRecord::becameCurrent)
                    .containsExactly(true, true, false);
        }
    }

    @Nested
    class Duplicates {

        @Test
        void shouldDropDuplicateOfCurrentMaster() {
            harness.send(aTick().price("189.23").at(T0).bytes());
            harness.send(aTick().price("189.2300").at(T0).bytes());

            assertThat(harness.history.readValuesToList()).hasSize(1);
            assertThat(harness.realtimeSymbols.readValuesToList()).hasSize(1);
            assertThat(harness.count(TickCounters.DUPLICATES)).isEqualTo(1.0);
            assertThat(harness.count(TickCounters.ACCEPTED)).isEqualTo(1.0);
        }

        @Test
        void shouldDropDuplicateOfLateTickWithinWindow() {
            harness.send(aTick().price("101.00").at(T0.plusSeconds(10)).bytes());
            harness.send(aTick().price("100.00").at(T0).bytes());
            harness.clock.advance(Duration.ofMinutes(59));
            harness.send(aTick().price("100.00").at(T0).bytes());

            assertThat(harness.history.readValuesToList()).hasSize(2);
            assertThat(harness.count(TickCounters.DUPLICATES)).isEqualTo(1.0);
        }

        @Test
        void shouldTreatTicksDifferingInVolumeAsDistinct() {
            harness.send(aTick().volume(100).at(T0).bytes());
            harness.send(aTick().volume(200).at(T0).bytes());

            assertThat(harness.history.readValuesToList()).hasSize(2);
            assertThat(harness.count(TickCounters.DUPLICATES)).isZero();
        }

        @Test
        void shouldForgetIdentitiesOlderThanTheWindowSoStateStaysBounded() {
            harness.send(aTick().price("101.00").at(T0.plusSeconds(10)).bytes());
            harness.send(aTick().price("100.00").at(T0).bytes());
            harness.clock.advance(TopologySettings.DEFAULT_DEDUP_WINDOW.plusMinutes(1));
            harness.send(aTick().price("100.00").at(T0).bytes());

            assertThat(harness.history.readValuesToList()).extracting(h -> h.tick().price())
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("101.00"), new BigDecimal("100.00"), new BigDecimal("100.00"));
            assertThat(harness.count(TickCounters.DUPLICATES)).isZero();
        }

        @Test
        void shouldDropDuplicateOfCurrentMasterEvenAfterTheWindow() {
            harness.send(aTick().at(T0).bytes());
            harness.clock.advance(Duration.ofDays(2));
            harness.send(aTick().at(T0).bytes());

            assertThat(harness.history.readValuesToList()).hasSize(1);
            assertThat(harness.count(TickCounters.DUPLICATES)).isEqualTo(1.0);
        }
    }

    @Nested
    class MetadataMerge {

        @Test
        void shouldKeepCompanyNameAndMarketCapWhenNewerTickOmitsThem() {
            harness.send(aTick().companyName("Apple Inc.").marketCap("2950000000000.00").price("100.00").at(T0).bytes());
            harness.send(aTick().price("101.00").at(T0.plusSeconds(1)).bytes());

            MasterRecord master = harness.master("AAPL");
            assertThat(master.price()).isEqualByComparingTo("101.00");
            assertThat(master.companyName()).isEqualTo("Apple Inc.");
            assertThat(master.marketCap()).isEqualByComparingTo("2950000000000.00");
            assertThat(harness.realtimeSymbols.readValuesToList()).last()
                    .extracting(MasterRecord::companyName).isEqualTo("Apple Inc.");
        }

        @Test
        void shouldReplaceCompanyNameWhenNewerTickStatesOne() {
            harness.send(aTick().companyName("Apple Computer").at(T0).bytes());
            harness.send(aTick().companyName("Apple Inc.").at(T0.plusSeconds(1)).bytes());

            assertThat(harness.master("AAPL").companyName()).isEqualTo("Apple Inc.");
        }

        @Test
        void shouldNotTakeMetadataFromLateTick() {
            harness.send(aTick().at(T0.plusSeconds(1)).bytes());
            harness.send(aTick().companyName("Apple Inc.").at(T0).bytes());

            assertThat(harness.master("AAPL").companyName()).isNull();
        }
    }

    @Nested
    class OutputTopics {

        @Test
        void shouldWriteHistoryWithReceivedAtFromClock() {
            harness.send(aTick().ohlc("188.10", "190.00", "187.95", "187.44").price("189.23").at(T0).bytes());

            TestRecord<String, HistoryRecord> record = harness.history.readRecord();
            assertThat(record.value().receivedAt()).isEqualTo(TopologyHarness.NOW);
            assertThat(record.value().becameCurrent()).isTrue();
            assertThat(record.value().tick().price()).isEqualTo(new BigDecimal("189.2300"));
            assertThat(record.value().tick().lowPrice()).isEqualTo(new BigDecimal("187.9500"));
            assertThat(harness.history.isEmpty()).isTrue();
        }

        @Test
        void shouldWriteMasterRecordOnlyWhenTheTickBecameCurrent() {
            harness.send(aTick().at(T0.plusSeconds(5)).bytes());
            harness.send(aTick().at(T0).bytes());
            harness.send(aTick().at(T0.plusSeconds(6)).bytes());

            List<TestRecord<String, MasterRecord>> masters = harness.realtimeSymbols.readRecordsToList();
            assertThat(masters).extracting(TestRecord::value).extracting(MasterRecord::lastUpdated)
                    .containsExactly(T0.plusSeconds(5), T0.plusSeconds(6));
            assertThat(harness.deadLetters.isEmpty()).isTrue();
        }

        @Test
        void shouldStampEveryOutputWithTheTimeItWasProcessedNotTheTicksOwnTime() {
            long before = System.currentTimeMillis();
            harness.send(aTick().at(TopologyHarness.NOW.plus(Duration.ofMinutes(4))).bytes());
            harness.send(aTick().at(Instant.parse("1971-01-01T00:00:00Z")).bytes());
            harness.send("{not json".getBytes(UTF_8));
            long after = System.currentTimeMillis();

            List<Long> stamps = new ArrayList<>();
            harness.history.readRecordsToList().forEach(record -> stamps.add(record.timestamp()));
            harness.realtimeSymbols.readRecordsToList().forEach(record -> stamps.add(record.timestamp()));
            harness.deadLetters.readRecordsToList().forEach(record -> stamps.add(record.timestamp()));
            assertThat(stamps).hasSize(4).allSatisfy(stamp -> assertThat(stamp).isBetween(before, after));
        }

        @Test
        void shouldRoundExcessDecimalsAndCountThem() {
            harness.send(aTick().price("1.23455").at(T0).bytes());

            assertThat(harness.history.readValue().tick().price()).isEqualTo(new BigDecimal("1.2346"));
            assertThat(harness.count(TickCounters.ROUNDED)).isEqualTo(1.0);
        }
    }

    @Nested
    class DeadLetters {

        @Test
        void shouldDeadLetterPoisonRecordWithOriginalBytesAndHeadersWhileNextGoodRecordFlows() {
            byte[] key = "key-1".getBytes(UTF_8);
            byte[] poison = "{not json".getBytes(UTF_8);
            Headers publisherHeaders = new RecordHeaders().add("trace-id", "abc".getBytes(UTF_8));
            harness.send(key, poison, publisherHeaders);
            harness.send(aTick().symbol("GOOD").at(T0).bytes());

            TestRecord<byte[], byte[]> dead = harness.deadLetters.readRecord();
            assertThat(dead.key()).isEqualTo(key);
            assertThat(dead.value()).isEqualTo(poison);
            assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("NOT_JSON");
            assertThat(header(dead.headers(), DeadLetterHeaders.MESSAGE)).contains("not valid JSON");
            assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.PRICE_TICKS);
            assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(header(dead.headers(), "trace-id")).isEqualTo("abc");
            assertThat(harness.history.readValue().tick().symbol()).isEqualTo("GOOD");
        }

        @Test
        void shouldDeadLetterEachKindOfInvalidTickWithItsReasonAndOffset() {
            harness.send(aTick().price("-1").bytes());
            harness.send(aTick().without("symbol").bytes());
            harness.send("[1,2]".getBytes(UTF_8));
            harness.send(null);
            harness.send(aTick().at(TopologyHarness.NOW.plus(Duration.ofMinutes(6))).bytes());
            harness.send(aTick().symbol("MSFT").at(T0).bytes());

            List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
            assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON)).containsExactly(
                    "PRICE_NOT_POSITIVE", "MISSING_FIELD", "NOT_AN_OBJECT", "NOT_JSON", "TIMESTAMP_IN_FUTURE");
            assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                    .containsExactly("0", "1", "2", "3", "4");
            assertThat(dead.get(3).value()).isNull();
            assertThat(harness.history.readValuesToList()).extracting(h -> h.tick().symbol()).containsExactly("MSFT");
            assertThat(harness.registry.get(TickCounters.REJECTED).tag(TickCounters.REASON_TAG, "NOT_JSON").counter().count())
                    .isEqualTo(1.0);
        }

        @Test
        void shouldDeadLetterARecordTooLargeForTheDeadLetterTopicTruncatedCountedAndLetTheNextOneThrough() {
            try (TopologyHarness small = new TopologyHarness(TopologySettings.defaults().withDeadLetterMaxBytes(8_192))) {
                byte[] poison = ("{\"symbol\":\"" + "A".repeat(100_000) + "\"}").getBytes(UTF_8);
                small.send("AAPL".getBytes(UTF_8), poison, new RecordHeaders().add("trace-id", "abc".getBytes(UTF_8)));
                small.send(aTick().symbol("GOOD").at(T0).bytes());

                TestRecord<byte[], byte[]> dead = small.deadLetters.readRecord();
                assertThat(dead.key()).isEqualTo("AAPL".getBytes(UTF_8));
                assertThat(dead.value().length).isBetween(4_096, 8_192);
                assertThat(poison).startsWith(dead.value());
                assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("INVALID_SYMBOL");
                assertThat(header(dead.headers(), DeadLetterHeaders.TRUNCATED)).isEqualTo("TOO_LARGE");
                assertThat(header(dead.headers(), DeadLetterHeaders.ORIGINAL_VALUE_SIZE)).isEqualTo(Integer.toString(poison.length));
                assertThat(header(dead.headers(), "trace-id")).isNull();
                assertThat(small.registry.get(TickCounters.TRUNCATED).tag(TickCounters.CAUSE_TAG, "TOO_LARGE").counter().count())
                        .isEqualTo(1.0);
                assertThat(small.history.readValue().tick().symbol()).isEqualTo("GOOD");
            }
        }

        @Test
        void shouldLeaveThePublishersHeadersOffTheRecordsOfAnAcceptedTick() {
            harness.send(null, aTick().at(T0).bytes(), new RecordHeaders().add("trace-id", new byte[900_000]));

            assertThat(harness.history.readRecord().headers().toArray()).isEmpty();
            assertThat(harness.realtimeSymbols.readRecord().headers().toArray()).isEmpty();
        }

        @Test
        void shouldHonourTheConfiguredFutureSkew() {
            try (TopologyHarness strict = new TopologyHarness(new TopologySettings(TopicNames.defaults(),
                    Duration.ZERO, TopologySettings.DEFAULT_DEDUP_WINDOW, new SymbolPartitions(1)))) {
                strict.send(aTick().at(TopologyHarness.NOW.plusSeconds(1)).bytes());

                assertThat(header(strict.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                        .isEqualTo(RejectReason.TIMESTAMP_IN_FUTURE.name());
            }
        }

        @Test
        void shouldDeadLetterATickOlderThanTheHistoryRetention() {
            try (TopologyHarness retained = new TopologyHarness(TopologySettings.defaults().withHistoryRetention(Duration.ofDays(30)))) {
                retained.send(aTick().at(TopologyHarness.NOW.minus(Duration.ofDays(30)).minusMillis(1)).bytes());
                retained.send(aTick().symbol("KEPT").at(TopologyHarness.NOW.minus(Duration.ofDays(30))).bytes());

                assertThat(header(retained.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
                        .isEqualTo(RejectReason.TIMESTAMP_BEYOND_RETENTION.name());
                assertThat(retained.deadLetters.isEmpty()).isTrue();
                assertThat(retained.history.readRecord().key()).isEqualTo("KEPT");
                assertThat(retained.count(TickCounters.REJECTED)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void shouldAccountForEveryRecordReceived() {
        harness.send(aTick().at(T0).bytes());
        harness.send(aTick().at(T0).bytes());
        harness.send("nope".getBytes(UTF_8));
        harness.send(aTick().at(T0.minusSeconds(1)).bytes());

        assertThat(harness.count(TickCounters.RECEIVED)).isEqualTo(4.0);
        assertThat(harness.count(TickCounters.ACCEPTED)).isEqualTo(2.0);
        assertThat(harness.count(TickCounters.DUPLICATES)).isEqualTo(1.0);
        assertThat(harness.count(TickCounters.REJECTED)).isEqualTo(1.0);
        assertThat(harness.count(TickCounters.LATE)).isEqualTo(1.0);
    }

    @Test
    void shouldUseTopicNamesFromSettings() {
        TopologySettings renamed = new TopologySettings(new TopicNames("in", "dead", "hist", "masters"),
                TopologySettings.DEFAULT_MAX_FUTURE_SKEW, TopologySettings.DEFAULT_DEDUP_WINDOW, new SymbolPartitions(1));
        try (TopologyHarness custom = new TopologyHarness(renamed)) {
            custom.send(aTick().at(T0).bytes());
            custom.send("x".getBytes(UTF_8));

            assertThat(custom.history.getQueueSize()).isEqualTo(1);
            assertThat(custom.realtimeSymbols.getQueueSize()).isEqualTo(1);
            assertThat(header(custom.deadLetters.readRecord().headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("in");
        }
    }

    @Test
    void shouldNameEveryNodeStoreAndInternalTopic() {
        TopologyDescription description = PriceTopology.build(TopologySettings.defaults(), Clock.systemUTC(),
                new SimpleMeterRegistry(), new RefusedDeadLetters(Topics.PRICE_TICKS_DLQ)).describe();

        String text = description.toString();
        assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(text).contains("master-store", "dedup-store", "ticks-by-symbol-repartition",
                PriceTopology.SOURCE, PriceTopology.PARSE, PriceTopology.UPDATE_MASTER);
    }

    /*
     * One sub-topology, one internal topic: a tick keyed by its symbol in its symbol's partition reaches the conflating
     * latest-master table without any key-changing step, so Kafka Streams adds no repartition topic before it (which
     * would write and read every new master once more through the broker).
     */
    @Test
    void shouldCrossTheBrokerOnlyForTicksOutOfPlace() {
        TopologyDescription description = PriceTopology.build(TopologySettings.defaults(), Clock.systemUTC(),
                new SimpleMeterRegistry(), new RefusedDeadLetters(Topics.PRICE_TICKS_DLQ)).describe();

        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.toString()).contains("ticks-by-symbol-repartition").doesNotContain("latest-master-repartition");
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
