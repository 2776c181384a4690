package com.pricefeed.api.stream;

import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.api.support.SseRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.pricefeed.api.support.PriceRows.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several sink instances allocate history ids before they commit, so a batch with smaller ids can commit after one
 * with larger ids. The stream must still show every committed change, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamOrderingIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Ids the other sink instances allocated meanwhile: far more than any fixed look-back window. */
    private static final long ID_GAP = 1_000_000;

    private RunningApi api;
    private PriceRows rows;

    @BeforeAll
    void startApi() {
        api = RunningApi.start(Map.of("STREAM_HEARTBEAT", "300ms"));
        rows = api.rows();
        rows.insert(aTick("WARM", "1.00", T0));
    }

    @AfterAll
    void stopApi() {
        api.close();
    }

    @Test
    void shouldSendAChangeCommittedAfterOneWithLargerIdsExactlyOnce() {
        try (SseRecorder client = connect("OLDX,NEWY", Map.of())) {
            await().atMost(WAIT).until(() -> client.lines().stream().anyMatch(line -> line.startsWith(":")));

            PriceRows.InFlight slow = rows.begin(aTick("OLDX", "10.00", T0));
            skipIds();
            PriceRows.InFlight fast = rows.begin(aTick("NEWY", "20.00", T0));
            assertThat(fast.id()).isGreaterThan(slow.id() + ID_GAP);
            fast.commit();
            await().atMost(WAIT).until(() -> client.events().size() == 1);
            slow.commit();

            await().atMost(WAIT).until(() -> client.events().size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> client.events().size() == 2);
            assertThat(client.events()).extracting(SseRecorder.Event::id)
                    .containsExactly(Long.toString(fast.id()), Long.toString(slow.id()));
        }
    }

    @Test
    void shouldResumeFromLastEventIdWithAChangeCommittedLaterUnderASmallerId() {
        PriceRows.InFlight slow = rows.begin(aTick("LATEA", "30.00", T0));
        skipIds();
        long newer = rows.insert(aTick("LATEB", "40.00", T0));
        long lastSeen;
        try (SseRecorder first = connect("LATEA,LATEB", Map.of())) {
            await().atMost(WAIT).until(() -> first.events().size() == 1);
            lastSeen = Long.parseLong(first.events().get(0).id());
        }
        assertThat(lastSeen).isEqualTo(newer);
        slow.commit();
        long after = rows.insert(aTick("LATEB", "41.00", T0.plusSeconds(1)));

        try (SseRecorder resumed = connect("LATEA,LATEB", Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
            await().atMost(WAIT).until(() -> resumed.events().size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> resumed.events().size() == 2);
            assertThat(resumed.events()).extracting(SseRecorder.Event::id)
                    .containsExactly(Long.toString(slow.id()), Long.toString(after));
        }
    }

    private void skipIds() {
        rows.execute("SELECT setval('realtime_price_history_id_seq', nextval('realtime_price_history_id_seq') + " + ID_GAP + ")");
    }

    private SseRecorder connect(String symbols, Map<String, String> headers) {
        return SseRecorder.connect(api.client(), api.uri("/api/v1/market-data/stream?symbols=" + symbols), headers);
    }
}
