package com.pricefeed.processor;

import com.pricefeed.processor.master.SymbolState;
import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static com.pricefeed.testing.DelistingBuilder.aDelisting;
import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;

/** Delisting and relisting through the real topology (issue #18 item 2): the rules of {@code MasterUpdate}. */
class DelistingTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");
    private static final Instant DELISTED = T0.plusSeconds(60);

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void shouldTombstoneRealtimeSymbolsAndWriteTheDelistingToHistoryKeepingTheLastPrice() {
        harness.send(aTick().symbol("ACME").price("12.50").at(T0).bytes());
        harness.historyEvents.readValuesToList();
        harness.realtimeSymbols.readValuesToList();

        harness.send(aDelisting().symbol(" acme ").provider("NASDAQ").at(DELISTED).bytes());

        TestRecord<String, MasterRecord> tombstone = harness.realtimeSymbols.readRecord();
        assertThat(tombstone.key()).isEqualTo("ACME");
        assertThat(tombstone.value()).isNull();
        TestRecord<String, HistoryEvent> history = harness.historyEvents.readRecord();
        assertThat(history.key()).isEqualTo("ACME");
        assertThat(history.value()).isEqualTo(new SymbolDelisting("ACME", DELISTED, "nasdaq", TopologyHarness.NOW));
        assertThat(harness.state("ACME")).satisfies(state -> {
            assertThat(state.delistedAt()).isEqualTo(DELISTED);
            assertThat(state.master().price()).isEqualByComparingTo("12.50");
        });
        assertThat(harness.count(TickCounters.DELISTED)).isEqualTo(1.0);
    }

    @Test
    void shouldRelistWithATickNewerThanTheDelisting() {
        harness.send(aTick().symbol("ACME").price("12.50").at(T0).bytes());
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());
        harness.historyEvents.readValuesToList();
        harness.realtimeSymbols.readValuesToList();

        harness.send(aTick().symbol("ACME").price("13.00").at(DELISTED.plusMillis(1)).bytes());

        assertThat(harness.realtimeSymbols.readValue().price()).isEqualByComparingTo("13.00");
        HistoryRecord relisting = harness.history.readValue();
        assertThat(relisting.becameCurrent()).isTrue();
        assertThat(relisting.delistedAt()).isNull();
        assertThat(harness.state("ACME")).isEqualTo(SymbolState.listed(harness.master("ACME")));
        assertThat(harness.count(TickCounters.RELISTED)).isEqualTo(1.0);
    }

    @Test
    void shouldMakeANewerTickBeforeTheDelistingTheDelistedLastPriceWithoutPublishingIt() {
        harness.send(aTick().symbol("ACME").price("12.50").at(T0).bytes());
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());
        harness.historyEvents.readValuesToList();
        harness.realtimeSymbols.readValuesToList();

        harness.send(aTick().symbol("ACME").price("12.75").at(T0.plusSeconds(30)).bytes());
        harness.send(aTick().symbol("ACME").price("12.00").at(T0.plusSeconds(10)).bytes());

        assertThat(harness.realtimeSymbols.isEmpty()).isTrue();
        List<HistoryRecord> history = harness.history.readValuesToList();
        assertThat(history).extracting(HistoryRecord::becameCurrent).containsExactly(true, false);
        assertThat(history).extracting(HistoryRecord::delistedAt).containsExactly(DELISTED, DELISTED);
        assertThat(harness.state("ACME")).satisfies(state -> {
            assertThat(state.delistedAt()).isEqualTo(DELISTED);
            assertThat(state.master().price()).isEqualByComparingTo("12.75");
        });
        assertThat(harness.count(TickCounters.RELISTED)).isZero();
    }

    @Test
    void shouldLetADelistingWinATieWithTheLastPriceInEitherOrder() {
        harness.send(aTick().symbol("AAA").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("AAA").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("BBB").at(DELISTED).bytes());
        harness.send(aTick().symbol("BBB").at(DELISTED).bytes());

        assertThat(harness.state("AAA").delistedAt()).isEqualTo(DELISTED);
        assertThat(harness.state("BBB").delistedAt()).isEqualTo(DELISTED);
        assertThat(harness.state("BBB").master().lastUpdated()).isEqualTo(DELISTED);
        assertThat(harness.historyEvents.readValuesToList()).filteredOn(HistoryRecord.class::isInstance)
                .map(HistoryRecord.class::cast).filteredOn(r -> r.symbol().equals("BBB"))
                .singleElement().satisfies(r -> {
                    assertThat(r.becameCurrent()).isTrue();
                    assertThat(r.delistedAt()).isEqualTo(DELISTED);
                });
    }

    @Test
    void shouldDelistASymbolWithoutAPriceAndGiveItTheOlderTickThatArrivesLater() {
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());

        assertThat(harness.realtimeSymbols.readRecord().value()).isNull();
        assertThat(harness.state("ACME")).isEqualTo(new SymbolState(null, DELISTED));

        harness.send(aTick().symbol("ACME").price("9.00").at(T0).bytes());

        HistoryRecord record = (HistoryRecord) harness.historyEvents.readValuesToList().get(1);
        assertThat(record.becameCurrent()).isTrue();
        assertThat(record.delistedAt()).isEqualTo(DELISTED);
        assertThat(harness.realtimeSymbols.isEmpty()).isTrue();
        assertThat(harness.master("ACME").price()).isEqualByComparingTo("9.00");
    }

    @Test
    void shouldDropADelistingOlderThanTheLastPriceOrTheDelistingInForceAsLate() {
        harness.send(aTick().symbol("AAA").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("AAA").at(DELISTED.minusMillis(1)).bytes());
        harness.send(aDelisting().symbol("BBB").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("BBB").at(DELISTED.minusSeconds(1)).bytes());

        assertThat(harness.state("AAA")).isEqualTo(SymbolState.listed(harness.master("AAA")));
        assertThat(harness.state("BBB").delistedAt()).isEqualTo(DELISTED);
        assertThat(harness.historyEvents.readValuesToList()).filteredOn(SymbolDelisting.class::isInstance).hasSize(1);
        assertThat(harness.count(TickCounters.LIFECYCLE_LATE)).isEqualTo(2.0);
    }

    @Test
    void shouldCountARepeatedDelistingAsADuplicate() {
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("ACME").provider("other").at(DELISTED).bytes());

        assertThat(harness.historyEvents.readValuesToList()).hasSize(1);
        assertThat(harness.realtimeSymbols.readValuesToList()).hasSize(1);
        assertThat(harness.count(TickCounters.DUPLICATES)).isEqualTo(1.0);
        assertThat(harness.count(TickCounters.DELISTED)).isEqualTo(1.0);
    }

    @Test
    void shouldMoveALaterDelistingForwardAndTombstoneAgain() {
        harness.send(aTick().symbol("ACME").at(T0).bytes());
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("ACME").at(DELISTED.plusSeconds(1)).bytes());

        assertThat(harness.state("ACME").delistedAt()).isEqualTo(DELISTED.plusSeconds(1));
        assertThat(harness.historyEvents.readValuesToList()).filteredOn(SymbolDelisting.class::isInstance)
                .extracting(event -> ((SymbolDelisting) event).delistedAt()).containsExactly(DELISTED, DELISTED.plusSeconds(1));
    }

    @Test
    void shouldDeadLetterAnUnknownEventAndALifecycleRecordWithAPriceWithTheirOwnReasons() {
        harness.send(aDelisting().symbol("ACME").event("suspended").bytes());
        harness.send(aTick().symbol("ACME").field("event", "\"delisted\"").bytes());

        assertThat(harness.deadLetters.readRecordsToList()).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("UNKNOWN_EVENT", "INVALID_LIFECYCLE_RECORD");
        assertThat(harness.historyEvents.isEmpty()).isTrue();
        assertThat(harness.state("ACME")).isNull();
    }

    @Test
    void shouldAccountForEveryLifecycleRecordReceived() {
        harness.send(aTick().symbol("ACME").at(T0).bytes());
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("ACME").at(DELISTED).bytes());
        harness.send(aDelisting().symbol("ACME").at(T0.minusSeconds(1)).bytes());
        harness.send(aDelisting().symbol("ACME").event("halted").bytes());
        harness.send(aTick().symbol("ACME").at(DELISTED.plusSeconds(1)).bytes());

        double outcomes = harness.count(TickCounters.ACCEPTED) + harness.count(TickCounters.DUPLICATES)
                + harness.count(TickCounters.REJECTED) + harness.count(TickCounters.DELISTED)
                + harness.count(TickCounters.LIFECYCLE_LATE);
        assertThat(harness.count(TickCounters.RECEIVED)).isEqualTo(6.0).isEqualTo(outcomes);
        assertThat(harness.count(TickCounters.RELISTED)).isEqualTo(1.0);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
