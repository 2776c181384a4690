package com.pricefeed.api.prices;

import com.pricefeed.database.HistoryPartitions;

import javax.sql.DataSource;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL that reads prices at an instant from {@code realtime_price_history}: one query for one symbol or many. */
public final class AsOfRepository {

    /*
     * Per symbol: the newest source timestamp at or before the instant (the (symbol, time, id) index, newest
     * partition first), then among the ticks at that very timestamp the one the master rule would pick. Nothing at
     * all for an instant before the retained history (a one-time filter). With it the delisting in force now (the
     * master row's delisted_at, by primary key), which the caller compares with the instant. Parameters: symbols,
     * instant, instant.
     */
    public static final String AS_OF = """
            SELECT a.id, a.symbol, a.price, a.source_timestamp, a.volume, a.provider, a.previous_close, s.delisted_at
              FROM unnest(?::varchar[]) AS wanted (symbol)
              CROSS JOIN LATERAL (
                    SELECT h.id, h.symbol, h.price, h.source_timestamp, h.volume, p.code AS provider, h.previous_close
                      FROM realtime_price_history h
                      JOIN market_data_providers p ON p.id = h.provider_id
                     WHERE h.symbol = wanted.symbol
                       AND h.source_timestamp = (SELECT max(m.source_timestamp) FROM realtime_price_history m
                                                  WHERE m.symbol = wanted.symbol AND m.source_timestamp <= ?)
                     ORDER BY p.code COLLATE "C" DESC, h.price DESC, COALESCE(h.volume, -1) DESC
                     LIMIT 1) AS a
              LEFT JOIN realtime_symbols s ON s.symbol = a.symbol
             WHERE ?::timestamptz >= COALESCE(price_history_retained_from(), '-infinity')""";
    private static final String KNOWN = "SELECT EXISTS (SELECT 1 FROM realtime_symbols WHERE symbol = ?)";

    private final DataSource dataSource;

    public AsOfRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The prices in effect at {@code at} of those of {@code symbols} that have one, in no particular order; none when
     * {@code at} is before the retained history.
     */
    public List<PriceAt> findAll(List<String> symbols, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(AS_OF)) {
            Array array = connection.createArrayOf("varchar", symbols.toArray());
            statement.setArray(1, array);
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setTimestamp(3, Timestamp.from(at));
            List<PriceAt> prices = new ArrayList<>(symbols.size());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    prices.add(read(rows, at));
                }
            }
            array.free();
            return prices;
        }
    }

    /** Whether the symbol has a current price at all. */
    public boolean known(String symbol) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(KNOWN)) {
            statement.setString(1, symbol);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** Where the full history begins, or empty while retention has dropped nothing. */
    public Optional<Instant> retainedFrom() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HistoryPartitions.RETAINED_FROM);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            OffsetDateTime from = rows.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(from).map(OffsetDateTime::toInstant);
        }
    }

    /** A delisting counts at {@code at} when it took effect at or before it. */
    private static PriceAt read(ResultSet rows, Instant at) throws SQLException {
        long volume = rows.getLong("volume");
        boolean volumeNull = rows.wasNull();
        OffsetDateTime delisting = rows.getObject("delisted_at", OffsetDateTime.class);
        Instant delistedAt = delisting == null || delisting.toInstant().isAfter(at) ? null : delisting.toInstant();
        return new PriceAt(
                rows.getString("symbol"),
                rows.getBigDecimal("price").setScale(4, RoundingMode.UNNECESSARY),
                rows.getObject("source_timestamp", OffsetDateTime.class).toInstant(),
                volumeNull ? null : volume,
                rows.getString("provider"),
                rows.getBigDecimal("previous_close"),
                rows.getLong("id"),
                Price.status(delistedAt),
                delistedAt);
    }
}
