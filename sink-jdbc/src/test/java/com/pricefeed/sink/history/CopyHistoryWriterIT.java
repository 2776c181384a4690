package com.pricefeed.sink.history;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.database.HistoryPartitions;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyHistoryWriterIT {

    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();
    static long providerId;

    @BeforeAll
    static void prepareDatabase() throws Exception {
        DatabaseSchema.prepare(database.config());
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "INSERT INTO market_data_providers (code, display_name) VALUES ('polygon', 'Polygon') RETURNING id")) {
            rows.next();
            providerId = rows.getLong(1);
        }
    }

    @Test
    void shouldStoreEveryDecimalAndInstantExactlyInBinaryFormat() throws Exception {
        List<String> prices = List.of("0.0001", "1", "1.5", "10000", "10000.0001", "99999999999.9999", "189.2300",
                "0.1000", "1234.5678", "100000000", "7E+3", "20000.00", "9999.9999");
        Instant at = Instant.parse("1999-12-31T23:59:59.999999Z");
        List<HistoryRow> rows = new ArrayList<>();
        long id = 1;
        for (String price : prices) {
            BigDecimal value = new BigDecimal(price);
            PriceTick tick = new PriceTick("SYM.A-" + id, value, at.plusSeconds(id * 86_400L * 400), "polygon",
                    id == 2 ? null : Long.MAX_VALUE - id, value, id == 3 ? null : value, value, value, null, null);
            rows.add(new HistoryRow(id++, providerId, new HistoryRecord(tick, Instant.parse("2026-11-24T14:30:00.123456Z"), true)));
        }

        try (Connection connection = database.connect()) {
            HistoryPartitions.cover(connection, rows.stream().map(row -> row.tick().sourceTimestamp()).toList(), Duration.ofDays(1));
            connection.setAutoCommit(false);
            new CopyHistoryWriter().insert(connection, rows);
            connection.commit();

            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("""
                         SELECT id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                                open_price, high_price, low_price, previous_close
                           FROM realtime_price_history ORDER BY id""")) {
                for (HistoryRow row : rows) {
                    assertThat(result.next()).isTrue();
                    PriceTick tick = row.tick();
                    assertThat(result.getLong("id")).isEqualTo(row.id());
                    assertThat(result.getString("symbol")).isEqualTo(tick.symbol());
                    assertThat(result.getBigDecimal("price")).isEqualByComparingTo(tick.price());
                    assertThat(result.getString("price")).isEqualTo(tick.price().setScale(4).toPlainString());
                    assertThat(result.getObject("volume")).isEqualTo(tick.volume());
                    assertThat(result.getObject("source_timestamp", OffsetDateTime.class).toInstant()).isEqualTo(tick.sourceTimestamp());
                    assertThat(result.getObject("fetched_at", OffsetDateTime.class).toInstant()).isEqualTo(row.record().receivedAt());
                    assertThat(result.getLong("provider_id")).isEqualTo(providerId);
                    assertThat(result.getString("open_price")).isEqualTo(tick.openPrice().setScale(4).toPlainString());
                    assertThat(result.getBigDecimal("high_price")).isEqualTo(tick.highPrice() == null ? null : tick.highPrice().setScale(4));
                }
                assertThat(result.next()).isFalse();
            }
        }
    }
}
