package com.pricefeed.sink.candles;

import com.pricefeed.sink.history.HistoryRow;
import com.pricefeed.sink.jdbc.SqlArrays;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code realtime_price_candles_1m}: one upsert per batch merges the batch's bars into the stored ones. A late tick
 * moves open (or close) only when it comes before (after) the stored one by (source timestamp, history id); high and
 * low widen, volume and tick count add up.
 */
public final class CandleRepository implements CandleWriter {

    /* Every SET expression reads the stored row (c) as it was before this statement. */
    static final String UPSERT = """
            INSERT INTO realtime_price_candles_1m AS c
                (symbol, bucket_start, open_price, high_price, low_price, close_price, volume, tick_count,
                 first_tick_time, open_history_id, last_tick_time, close_history_id)
            SELECT * FROM unnest(?::varchar[], ?::timestamptz[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[],
                                 ?::numeric[], ?::bigint[], ?::timestamptz[], ?::bigint[], ?::timestamptz[], ?::bigint[])
            ON CONFLICT (symbol, bucket_start) DO UPDATE SET
                open_price = CASE WHEN (EXCLUDED.first_tick_time, EXCLUDED.open_history_id) < (c.first_tick_time, c.open_history_id)
                                  THEN EXCLUDED.open_price ELSE c.open_price END,
                open_history_id = CASE WHEN (EXCLUDED.first_tick_time, EXCLUDED.open_history_id) < (c.first_tick_time, c.open_history_id)
                                       THEN EXCLUDED.open_history_id ELSE c.open_history_id END,
                first_tick_time = LEAST(EXCLUDED.first_tick_time, c.first_tick_time),
                close_price = CASE WHEN (EXCLUDED.last_tick_time, EXCLUDED.close_history_id) > (c.last_tick_time, c.close_history_id)
                                   THEN EXCLUDED.close_price ELSE c.close_price END,
                close_history_id = CASE WHEN (EXCLUDED.last_tick_time, EXCLUDED.close_history_id) > (c.last_tick_time, c.close_history_id)
                                        THEN EXCLUDED.close_history_id ELSE c.close_history_id END,
                last_tick_time = GREATEST(EXCLUDED.last_tick_time, c.last_tick_time),
                high_price = GREATEST(EXCLUDED.high_price, c.high_price),
                low_price = LEAST(EXCLUDED.low_price, c.low_price),
                volume = c.volume + EXCLUDED.volume,
                tick_count = c.tick_count + EXCLUDED.tick_count,
                updated_at = now()""";

    @Override
    public void write(Connection connection, List<HistoryRow> rows) throws SQLException {
        upsert(connection, CandleFolding.fold(rows));
    }

    static void upsert(Connection connection, List<CandleDelta> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setArray(1, SqlArrays.texts(connection, deltas, CandleDelta::symbol));
            statement.setArray(2, SqlArrays.instants(connection, deltas, CandleDelta::bucketStart));
            statement.setArray(3, SqlArrays.decimals(connection, deltas, CandleDelta::open));
            statement.setArray(4, SqlArrays.decimals(connection, deltas, CandleDelta::high));
            statement.setArray(5, SqlArrays.decimals(connection, deltas, CandleDelta::low));
            statement.setArray(6, SqlArrays.decimals(connection, deltas, CandleDelta::close));
            statement.setArray(7, SqlArrays.decimals(connection, deltas, delta -> new BigDecimal(delta.volume())));
            statement.setArray(8, SqlArrays.longs(connection, deltas, CandleDelta::tickCount));
            statement.setArray(9, SqlArrays.instants(connection, deltas, CandleDelta::firstTickTime));
            statement.setArray(10, SqlArrays.longs(connection, deltas, CandleDelta::openHistoryId));
            statement.setArray(11, SqlArrays.instants(connection, deltas, CandleDelta::lastTickTime));
            statement.setArray(12, SqlArrays.longs(connection, deltas, CandleDelta::closeHistoryId));
            int written = statement.executeUpdate();
            if (written != deltas.size()) {
                throw new SQLException("Upsert of " + deltas.size() + " one-minute bars reported " + written + " written");
            }
        }
    }
}
