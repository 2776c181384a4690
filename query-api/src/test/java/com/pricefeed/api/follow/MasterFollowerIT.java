package com.pricefeed.api.follow;

import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.api.support.SseRecorder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.pricefeed.api.support.PriceRows.aTick;
import static com.pricefeed.api.support.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The follower of committed master rows, as lookups and the stream see it. */
class MasterFollowerIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:30:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void shouldServeAndStreamANewerMasterRowThatCarriesASmallerHistoryId() {
        try (RunningApi api = RunningApi.start(Map.of("PRICE_MAX_STALENESS", "1m", "PRICE_RESYNC_INTERVAL", "1h"))) {
            PriceRows rows = api.rows();
            // Allocated by a sink instance that commits later: after partitions are added to price-history, a
            // symbol's newer ticks can come from an instance whose ids are smaller.
            long smallerId = rows.reserveHistoryId();
            rows.execute("SELECT setval('realtime_price_history_id_seq', nextval('realtime_price_history_id_seq') + 1000000)");
            long largerId = rows.insert(aTick("AAPL", "100", T0));
            try (SseRecorder client = SseRecorder.connect(api.client(), api.uri("/api/v1/market-data/stream?symbols=AAPL"), Map.of())) {
                await().atMost(WAIT).until(() -> client.events().size() == 1);
                awaitPrice(api, "100.0000");

                rows.insertAs(smallerId, aTick("AAPL", "101", T0.plusSeconds(1)));

                await().atMost(WAIT).until(() -> client.events().size() == 2);
                assertThat(client.events()).extracting(SseRecorder.Event::id)
                        .containsExactly(Long.toString(largerId), Long.toString(smallerId));
                awaitPrice(api, "101.0000");
            }
        }
    }

    @Test
    void shouldReadTheRowsACommitNamesByKeyHoweverManyExist() {
        try (RunningApi api = startServingAapl("1h")) {
            PriceRows rows = api.rows();
            rows.insertAll(IntStream.range(0, 1_000).mapToObj(i -> "S" + i).toList(), "1.00", T0);
            await().atMost(WAIT).until(() -> metric(api, "stream_follower_rows_total") >= 1_001);
            double rowsBefore = metric(api, "stream_follower_rows_total");
            double scansBefore = metric(api, "stream_follower_reads_total{kind=\"committed_since\"}");
            double keyReadsBefore = metric(api, "stream_follower_reads_total{kind=\"by_symbol\"}");

            rows.insert(aTick("AAPL", "101", T0.plusSeconds(1)));

            awaitPrice(api, "101.0000");
            assertThat(metric(api, "stream_follower_rows_total")).isEqualTo(rowsBefore + 1);
            assertThat(metric(api, "stream_follower_reads_total{kind=\"by_symbol\"}")).isEqualTo(keyReadsBefore + 1);
            assertThat(metric(api, "stream_follower_reads_total{kind=\"committed_since\"}")).isEqualTo(scansBefore);
        }
    }

    @Test
    void shouldPickUpAWriteThatAnnouncedNothingWithinTheResyncInterval() {
        try (RunningApi api = startServingAapl("1s")) {
            PriceRows rows = api.rows();

            rows.insertUnannounced(aTick("AAPL", "101", T0.plusSeconds(1)));

            awaitPrice(api, "101.0000");
        }
    }

    @Test
    void shouldWalkATableOfManyPagesPageByPageAndCatchAWriteThatAnnouncedNothingInItsLastPage() {
        try (RunningApi api = startServingAapl("1s")) {
            PriceRows rows = api.rows();
            int pages = 3;
            List<String> symbols = IntStream.range(0, pages * MasterFollower.WALK_PAGE).mapToObj(i -> "S%05d".formatted(i)).toList();
            rows.insertAll(symbols, "1.00", T0);
            String last = symbols.get(symbols.size() - 1);
            awaitPrice(api, last, "1.0000");
            double pagesBefore = metric(api, "stream_follower_reads_total{kind=\"committed_since\"}");

            rows.insertUnannounced(aTick(last, "2.00", T0.plusSeconds(1)));

            awaitPrice(api, last, "2.0000");
            assertThat(metric(api, "stream_follower_reads_total{kind=\"committed_since\"}") - pagesBefore)
                    .as("pages of the safety net's walk").isGreaterThanOrEqualTo(pages);
        }
    }

    /* A page compares every master column with the row held, the delisting included: it changes nothing else. */
    @Test
    void shouldPickUpADelistingThatAnnouncedNothingWithinTheResyncInterval() {
        try (RunningApi api = startServingAapl("1s")) {
            api.rows().execute("UPDATE realtime_symbols SET delisted_at = '2026-11-24T15:00:00Z' WHERE symbol = 'AAPL'");

            await().atMost(WAIT).untilAsserted(() -> {
                var body = json(api.get("/api/v1/market-data/prices/AAPL"));
                assertThat(body.path("status").asText()).isEqualTo("delisted");
                assertThat(body.path("price").asText()).isEqualTo("100.0000");
            });
        }
    }

    @Test
    void shouldReadEveryChangeAtOnceWhenANotificationIsInAFormatItDoesNotKnow() {
        try (RunningApi api = startServingAapl("1h")) {
            PriceRows rows = api.rows();

            rows.insertUnannounced(aTick("AAPL", "101", T0.plusSeconds(1)));
            // What a sink of the previous version sends: the greatest history id it wrote.
            rows.execute("SELECT pg_notify('realtime_symbols_changed', '1042')");

            awaitPrice(api, "101.0000");
        }
    }

    /** An API that answers from memory, over a database where AAPL is at 100, once it answers so. */
    private static RunningApi startServingAapl(String resyncInterval) {
        RunningApi api = RunningApi.start(Map.of("PRICE_MAX_STALENESS", "1m", "PRICE_RESYNC_INTERVAL", resyncInterval));
        api.rows().insert(aTick("AAPL", "100", T0));
        awaitPrice(api, "100.0000");
        return api;
    }

    private static double metric(RunningApi api, String series) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+]+)$").matcher(api.get("/metrics").body());
        assertThat(value.find()).as("%s in /metrics", series).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static void awaitPrice(RunningApi api, String price) {
        awaitPrice(api, "AAPL", price);
    }

    private static void awaitPrice(RunningApi api, String symbol, String price) {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(json(api.get("/api/v1/market-data/prices/" + symbol)).path("price").asText()).isEqualTo(price));
    }
}
