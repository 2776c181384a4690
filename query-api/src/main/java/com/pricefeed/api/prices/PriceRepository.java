package com.pricefeed.api.prices;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL that reads current prices from {@code realtime_symbols}. */
public final class PriceRepository {

    public static final String COLUMNS = """
            SELECT s.symbol, s.current_price, s.last_updated, s.company_name, s.volume, p.code AS provider,
                   s.market_cap, s.latest_history_id, s.previous_close, s.delisted_at
              FROM realtime_symbols s
              JOIN market_data_providers p ON p.id = s.provider_id
            """;
    public static final String BY_SYMBOLS = COLUMNS + " WHERE s.symbol = ANY (?)";
    private static final String ONE = COLUMNS + " WHERE s.symbol = ?";

    private final DataSource dataSource;

    public PriceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Price> find(String symbol) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ONE)) {
            statement.setString(1, symbol);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /** The prices of those of {@code symbols} that have one, in no particular order. */
    public List<Price> findAll(List<String> symbols) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BY_SYMBOLS)) {
            Array array = connection.createArrayOf("varchar", symbols.toArray());
            statement.setArray(1, array);
            List<Price> prices = new ArrayList<>(symbols.size());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    prices.add(read(rows));
                }
            }
            array.free();
            return prices;
        }
    }

    public static Price read(ResultSet rows) throws SQLException {
        long volume = rows.getLong("volume");
        boolean volumeNull = rows.wasNull();
        BigDecimal marketCap = rows.getBigDecimal("market_cap");
        OffsetDateTime delistedAt = rows.getObject("delisted_at", OffsetDateTime.class);
        return new Price(
                rows.getString("symbol"),
                rows.getBigDecimal("current_price").setScale(4, RoundingMode.UNNECESSARY),
                rows.getObject("last_updated", OffsetDateTime.class).toInstant(),
                rows.getString("company_name"),
                volumeNull ? null : volume,
                rows.getString("provider"),
                marketCap == null ? null : marketCap.setScale(2, RoundingMode.UNNECESSARY),
                rows.getLong("latest_history_id"),
                rows.getBigDecimal("previous_close"),
                delistedAt == null ? null : delistedAt.toInstant());
    }
}
