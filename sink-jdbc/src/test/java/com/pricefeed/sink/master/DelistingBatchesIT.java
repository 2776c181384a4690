package com.pricefeed.sink.master;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.sink.offsets.PositionConflictException;
import com.pricefeed.sink.support.BarsDatabase;
import com.pricefeed.sink.write.WriteResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.pricefeed.sink.support.BarsDatabase.batch;
import static com.pricefeed.sink.support.Ticks.T0;
import static com.pricefeed.sink.support.Ticks.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delistings through the sink's batch writer: exactly once, like prices, whatever is delivered again. */
class DelistingBatchesIT {

    private static final String ROW = """
            SELECT current_price || ' ' || latest_history_id || ' ' || COALESCE(to_char(delisted_at AT TIME ZONE 'UTC', 'HH24:MI:SS'), 'listed')
                   || ' ' || updated_at
              FROM realtime_symbols WHERE symbol = ANY(?::varchar[])""";

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
    void shouldChangeNothingWhenABatchWithADelistingIsDeliveredAgain() throws Exception {
        List<HistoryEvent> events = List.of(aTick().symbol("AGAIN").price("7.0000").atSecond(1).current(), delisting("AGAIN", 5));
        WriteResult first = database.writer().write(batch("delist-again", 0, events));
        List<String> written = row("AGAIN");

        assertThatThrownBy(() -> database.writer().write(batch("delist-again", 0, events)))
                .isInstanceOf(PositionConflictException.class);

        assertThat(first.mastersChanged()).isEqualTo(2);
        assertThat(written.get(0)).contains("7.0000").contains("14:30:05");
        assertThat(row("AGAIN")).isEqualTo(written);
        assertThat(database.count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'AGAIN'")).isEqualTo(1);
    }

    @Test
    void shouldChangeNothingWhenAnOldDelistingIsReplayedAfterARelistingOrANewerDelisting() throws Exception {
        database.writer().write(batch("delist-replay", 0, List.of(
                aTick().symbol("REPLAY").price("8.0000").atSecond(1).current(), delisting("REPLAY", 5))));
        database.writer().write(batch("delist-replay", 2, List.of(aTick().symbol("REPLAY").price("9.0000").atSecond(9).current())));
        List<String> relisted = row("REPLAY");

        WriteResult replayed = database.writer().write(batch("delist-replay", 3, List.of(delisting("REPLAY", 5))));

        assertThat(replayed.mastersChanged()).isZero();
        assertThat(relisted.get(0)).contains("9.0000").contains("listed");
        assertThat(row("REPLAY")).isEqualTo(relisted);

        database.writer().write(batch("delist-replay", 4, List.of(delisting("REPLAY", 20))));
        List<String> delisted = row("REPLAY");
        WriteResult older = database.writer().write(batch("delist-replay", 5, List.of(delisting("REPLAY", 15), delisting("REPLAY", 20))));

        assertThat(older.mastersChanged()).isZero();
        assertThat(delisted.get(0)).contains("14:30:20");
        assertThat(row("REPLAY")).isEqualTo(delisted);
    }

    private static SymbolDelisting delisting(String symbol, long second) {
        return new SymbolDelisting(symbol, T0.plusSeconds(second), "nasdaq", T0.plusSeconds(second).plusMillis(50));
    }

    private static List<String> row(String symbol) throws Exception {
        return database.rows(ROW, List.of(symbol)).stream().map(row -> row.get(0)).toList();
    }
}
