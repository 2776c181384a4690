package com.pricefeed.api.follow;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class WalksTest {

    private static final long INTERVAL = 30_000;
    private static final long PAUSE = 10;

    private final Walks walks = Walks.afterConnecting(INTERVAL, PAUSE);

    @Test
    void shouldReadEveryRowPageByPageAfterConnectingAndVouchForThemOnlyOnceTheWalkHasEnded() {
        Walks.Walk walk = walks.next(0).orElseThrow();
        assertThat(walk.since()).isEmpty();
        assertThat(walk.after()).isEmpty();
        assertThat(walks.confirmable()).isFalse();

        walks.read(page(100, "M", false), 10);

        assertThat(walks.next(10)).containsSame(walk);
        assertThat(walk.after()).isEqualTo("M");
        assertThat(walks.confirmable()).isFalse();

        walks.read(page(105, "Z", true), 20);

        assertThat(walks.confirmable()).isTrue();
        assertThat(walks.untilNextPage(20)).as("no walk under way").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldReadTheSafetyNetAPageAtMostEveryPauseAndTheWalkOverEveryRowPageAfterPage() {
        walks.read(page(100, "M", false), 10);
        assertThat(walks.untilNextPage(10)).as("every row: nothing is fresh until it ends").isZero();
        walks.read(page(105, "Z", true), 10);

        Walks.Walk safetyNet = walks.next(10 + INTERVAL).orElseThrow();
        walks.read(page(200, "M", false), 10 + INTERVAL);

        assertThat(walks.untilNextPage(13 + INTERVAL)).isEqualTo(PAUSE - 3);
        assertThat(walks.next(13 + INTERVAL)).isEmpty();
        assertThat(walks.next(10 + INTERVAL + PAUSE)).containsSame(safetyNet);
    }

    @Test
    void shouldWalkTheRowsCommittedSinceTheFirstPageOfThePreviousWalkOnceTheIntervalHasPassed() {
        walkToTheEnd(100, 105);

        assertThat(walks.next(20 + INTERVAL - 1)).isEmpty();
        Walks.Walk safetyNet = walks.next(20 + INTERVAL).orElseThrow();

        assertThat(safetyNet.since()).isEqualTo(OptionalLong.of(100));
        assertThat(safetyNet.after()).isEmpty();
        assertThat(walks.confirmable()).as("the safety net is not what freshness rests on").isTrue();
    }

    @Test
    void shouldWalkAtOnceWhenANotificationIsNotUnderstoodAndVouchOnlyOnceThatWalkHasEnded() {
        walkToTheEnd(100, 105);

        walks.unannounced();

        Walks.Walk walk = walks.next(30).orElseThrow();
        assertThat(walk.since()).isEqualTo(OptionalLong.of(100));
        assertThat(walks.confirmable()).isFalse();
        walks.read(page(120, "Z", true), 40);
        assertThat(walks.confirmable()).isTrue();
    }

    @Test
    void shouldWalkAgainAfterTheCurrentWalkWhenANotificationIsNotUnderstoodDuringIt() {
        walkToTheEnd(100, 105);
        Walks.Walk safetyNet = walks.next(20 + INTERVAL).orElseThrow();
        walks.read(page(200, "M", false), 21 + INTERVAL);

        walks.unannounced();

        assertThat(walks.confirmable()).isFalse();
        walks.read(page(210, "Z", true), 22 + INTERVAL);
        assertThat(walks.confirmable()).isFalse();
        Walks.Walk again = walks.next(22 + INTERVAL).orElseThrow();
        assertThat(again).isNotSameAs(safetyNet);
        assertThat(again.since()).isEqualTo(OptionalLong.of(200));
        assertThat(again.after()).isEmpty();
        walks.read(page(220, "Z", true), 23 + INTERVAL);
        assertThat(walks.confirmable()).isTrue();
        assertThat(walks.untilNextPage(23 + INTERVAL)).isEqualTo(Long.MAX_VALUE);
    }

    private void walkToTheEnd(long firstHorizon, long lastHorizon) {
        walks.next(0);
        walks.read(page(firstHorizon, "M", false), 10);
        walks.read(page(lastHorizon, "Z", true), 20);
    }

    private static MasterReads.Page page(long horizon, String last, boolean end) {
        return new MasterReads.Page(List.of(), horizon, last, end);
    }
}
