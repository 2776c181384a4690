package com.pricefeed.api.candles;

import com.pricefeed.api.jdbc.SymbolLookups;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code realtime_price_candles_1m}: one-minute bars as stored, coarser ones rolled up from them, open and close
 * by the same (tick time, history id) order the sink keeps them in.
 */
public final class CandleRepository {

    public static final String MINUTES = """
            SELECT bucket_start AS start, open_price, high_price, low_price, close_price, volume, tick_count,
                   first_tick_time, last_tick_time
              FROM realtime_price_candles_1m
             WHERE symbol = ? AND bucket_start >= ? AND bucket_start < ?
             ORDER BY bucket_start""";
    /** Bars of the interval's width from 1970-01-01 UTC on, as date_bin counts them (which PostgreSQL 13 lacks). */
    public static final String ROLLED_UP = """
            SELECT to_timestamp(floor(extract(epoch FROM bucket_start) / w.seconds) * w.seconds) AS start,
                   (array_agg(open_price ORDER BY first_tick_time, open_history_id))[1] AS open_price,
                   max(high_price) AS high_price, min(low_price) AS low_price,
                   (array_agg(close_price ORDER BY last_tick_time DESC, close_history_id DESC))[1] AS close_price,
                   sum(volume) AS volume, sum(tick_count) AS tick_count,
                   min(first_tick_time) AS first_tick_time, max(last_tick_time) AS last_tick_time
              FROM (SELECT extract(epoch FROM ?::interval) AS seconds) w, realtime_price_candles_1m
             WHERE symbol = ? AND bucket_start >= ? AND bucket_start < ?
             GROUP BY 1
             ORDER BY 1""";
    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM realtime_price_candles_1m WHERE symbol = ?)";

    private final DataSource dataSource;

    public CandleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The bars of the query's page. */
    public List<Candle> page(CandleQuery query) throws SQLException {
        boolean minutes = query.interval() == Interval.ONE_MINUTE;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(minutes ? MINUTES : ROLLED_UP)) {
            int parameter = 1;
            if (!minutes) {
                statement.setString(parameter++, query.interval().width().toSeconds() + " seconds");
            }
            statement.setString(parameter++, query.symbol());
            statement.setObject(parameter++, utc(query.from()));
            statement.setObject(parameter, utc(query.end()));
            List<Candle> candles = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    candles.add(read(rows));
                }
            }
            return candles;
        }
    }

    public boolean hasAny(String symbol) throws SQLException {
        return SymbolLookups.exists(dataSource, ANY, symbol);
    }

    private static Candle read(ResultSet rows) throws SQLException {
        return new Candle(instant(rows, "start"), rows.getBigDecimal("open_price"), rows.getBigDecimal("high_price"),
                rows.getBigDecimal("low_price"), rows.getBigDecimal("close_price"),
                rows.getBigDecimal("volume").toBigIntegerExact(), rows.getLong("tick_count"),
                instant(rows, "first_tick_time"), instant(rows, "last_tick_time"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
