package com.pricefeed.api.admin;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL behind the admin figures, read in one repeatable-read snapshot so the figures agree with each other. Each
 * statement reads the master table in one pass: it has no index besides its key, so its updates stay HOT (V14).
 */
public final class AdminRepository {

    private static final String SUMMARY = """
            SELECT count(*) AS total, round(avg(current_price), 4) AS avg_price,
                   min(last_updated) AS oldest, max(last_updated) AS newest,
                   count(*) FILTER (WHERE last_updated < ? AND delisted_at IS NULL) AS stale
              FROM realtime_symbols
            """;
    private static final String SYMBOL_PRICES = "SELECT symbol, current_price FROM realtime_symbols ORDER BY symbol";
    private static final String PROVIDERS = """
            SELECT p.code, p.display_name, coalesce(led.symbols, 0) AS symbols_led,
                   (SELECT count(*) FROM realtime_price_history h WHERE h.provider_id = p.id AND h.fetched_at >= ?) AS recent_ticks,
                   (SELECT max(h.fetched_at) FROM realtime_price_history h WHERE h.provider_id = p.id) AS last_tick
              FROM market_data_providers p
              LEFT JOIN (SELECT provider_id, count(*) AS symbols FROM realtime_symbols GROUP BY provider_id) led
                     ON led.provider_id = p.id
             ORDER BY p.code
            """;

    private final DataSource dataSource;

    public AdminRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public PricingMetrics read(Instant now, Duration staleAfter, Duration tickWindow) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                PricingMetrics metrics = read(connection, now, staleAfter, tickWindow);
                connection.commit();
                return metrics;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    private static PricingMetrics read(Connection connection, Instant now, Duration staleAfter, Duration tickWindow)
            throws SQLException {
        long total;
        BigDecimal average;
        PricingMetrics.Freshness freshness;
        try (PreparedStatement statement = connection.prepareStatement(SUMMARY)) {
            statement.setObject(1, utc(now.minus(staleAfter)));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                total = rows.getLong("total");
                average = rows.getBigDecimal("avg_price");
                freshness = new PricingMetrics.Freshness(staleAfter.toSeconds(), rows.getLong("stale"),
                        instant(rows, "oldest"), instant(rows, "newest"));
            }
        }
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SYMBOL_PRICES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                prices.put(rows.getString(1), rows.getBigDecimal(2));
            }
        }
        List<PricingMetrics.ProviderFigures> providers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PROVIDERS)) {
            statement.setObject(1, utc(now.minus(tickWindow)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    providers.add(new PricingMetrics.ProviderFigures(rows.getString("code"), rows.getString("display_name"),
                            rows.getLong("symbols_led"), rows.getLong("recent_ticks"), tickWindow.toSeconds(),
                            instant(rows, "last_tick")));
                }
            }
        }
        return new PricingMetrics(total, average, prices, freshness, providers, now);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
