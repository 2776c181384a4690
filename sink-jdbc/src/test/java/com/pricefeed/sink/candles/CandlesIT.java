package com.pricefeed.sink.candles;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.offsets.PositionConflictException;
import com.pricefeed.sink.support.BarsDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.pricefeed.sink.support.BarsDatabase.batch;
import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandlesIT {

    private static final Instant MINUTE = Instant.parse("2026-11-24T14:30:00Z");
    private static final String BAR = """
            SELECT open_price::text || ' ' || high_price || ' ' || low_price || ' ' || close_price || ' v' || volume
                   || ' n' || tick_count || ' ' || to_char(first_tick_time AT TIME ZONE 'UTC', 'MI:SS.MS')
                   || '-' || to_char(last_tick_time AT TIME ZONE 'UTC', 'MI:SS.MS')
            FROM realtime_price_candles_1m WHERE symbol = ANY(?::varchar[]) ORDER BY bucket_start""";

    static BarsDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = BarsDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void shouldSummarizeEachMinuteOfTicksIntoOneBar() throws Exception {
        database.writer().write(batch("bars-minutes", 0, List.of(
                tick("MIN1", 5, "10.0000", 100L),
                tick("MIN1", 20, "12.5000", 50L),
                tick("MIN1", 40, "9.0000", null),
                tick("MIN1", 59.999, "11.0000", 25L),
                tick("MIN1", 60, "11.5000", 10L))));

        assertThat(bars("MIN1")).containsExactly(
                "10.0000 12.5000 9.0000 11.0000 v175 n4 30:05.000-30:59.999",
                "11.5000 11.5000 11.5000 11.5000 v10 n1 31:00.000-31:00.000");
        assertStoredBarsEqualTheHistory("MIN1");
    }

    @Test
    void shouldCorrectOpenAndCloseBySourceTimeWhenLateTicksArriveInLaterBatches() throws Exception {
        database.writer().write(batch("bars-late", 0, List.of(tick("LATE", 10, "20.0000", 1L), tick("LATE", 30, "21.0000", 1L))));
        database.writer().write(batch("bars-late", 2, List.of(
                tick("LATE", 40, "22.0000", 1L),
                tick("LATE", 2, "19.0000", 1L),
                tick("LATE", 20, "25.0000", 1L))));
        database.writer().write(batch("bars-late", 5, List.of(tick("LATE", 35, "18.0000", 1L))));

        assertThat(bars("LATE")).containsExactly("19.0000 25.0000 18.0000 22.0000 v6 n6 30:02.000-30:40.000");
        assertStoredBarsEqualTheHistory("LATE");
    }

    @Test
    void shouldBreakTiesAtTheSameSourceTimeByHistoryId() throws Exception {
        database.writer().write(batch("bars-ties", 0, List.of(tick("TIE", 10, "5.0000", null), tick("TIE", 10, "6.0000", null))));
        database.writer().write(batch("bars-ties", 2, List.of(tick("TIE", 10, "4.0000", null))));

        // Open is the lowest history id at the earliest time, close the highest at the newest; no volume counts 0.
        assertThat(bars("TIE")).containsExactly("5.0000 6.0000 4.0000 4.0000 v0 n3 30:10.000-30:10.000");
        assertStoredBarsEqualTheHistory("TIE");
    }

    @Test
    void shouldChangeNothingWhenABatchIsDeliveredAgain() throws Exception {
        List<HistoryRecord> ticks = List.of(tick("AGAIN", 1, "7.0000", 3L), tick("AGAIN", 2, "8.0000", 4L));
        database.writer().write(batch("bars-again", 0, ticks));

        assertThatThrownBy(() -> database.writer().write(batch("bars-again", 0, ticks)))
                .isInstanceOf(PositionConflictException.class);

        assertThat(bars("AGAIN")).containsExactly("7.0000 8.0000 7.0000 8.0000 v7 n2 30:01.000-30:02.000");
        assertThat(database.count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'AGAIN'")).isEqualTo(2);
    }

    private static HistoryRecord tick(String symbol, double second, String price, Long volume) {
        return aTick().symbol(symbol).at(MINUTE.plusMillis(Math.round(second * 1000))).price(price).volume(volume).late();
    }

    private static List<String> bars(String symbol) throws Exception {
        return database.rows(BAR, List.of(symbol)).stream()
                .map(row -> row.get(0)).toList();
    }

    private static void assertStoredBarsEqualTheHistory(String symbol) throws Exception {
        assertThat(database.rows(BarsDatabase.STORED, List.of(symbol)))
                .isEqualTo(database.rows(BarsDatabase.FROM_HISTORY, List.of(symbol)));
    }
}
