package com.pricefeed.benchmark;

import com.pricefeed.api.candles.CandleRepository;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bar query costs: a day of one-minute bars of one symbol (1,440 bars) through the API against the API's own
 * SQL run raw over JDBC, and the same day rolled up into hourly bars likewise; for reference, the same minute bars
 * computed from the day's history rows, as a query without stored bars would. One client, requests one after another,
 * each side warmed up first; latencies in milliseconds.
 */
final class CandleQueries {

    static final String SYMBOL = "BENCH";
    private static final OffsetDateTime DAY = OffsetDateTime.parse("2026-11-24T00:00:00Z");
    private static final int OTHER_SYMBOLS = 200;
    private static final int TICK_EVERY_SECONDS = 3;

    /* A day of ticks of SYMBOL, its bars from them, and a day of bars of other symbols so the table is not tiny. */
    private static final String[] SETUP = {
        "INSERT INTO market_data_providers (code, display_name) VALUES ('bench', 'Bench')",
        "SELECT price_history_cover(ARRAY[timestamptz '2026-11-24T00:00:00Z'], '1 day')",
        """
        INSERT INTO realtime_price_history (symbol, price, volume, source_timestamp, fetched_at, provider_id)
        SELECT '%s', round((100 + 10 * sin(s / 500.0))::numeric, 4), 100 + s %% 50,
               timestamptz '2026-11-24T00:00:00Z' + s * interval '%d seconds',
               timestamptz '2026-11-24T00:00:00Z' + s * interval '%d seconds', (SELECT id FROM market_data_providers)
        FROM generate_series(0, 86400 / %d - 1) AS s""".formatted(SYMBOL, TICK_EVERY_SECONDS, TICK_EVERY_SECONDS, TICK_EVERY_SECONDS),
        """
        INSERT INTO realtime_price_candles_1m
        SELECT symbol, date_bin('1 minute', source_timestamp, timestamptz '1970-01-01Z'),
               (array_agg(price ORDER BY source_timestamp, id))[1], max(price), min(price),
               (array_agg(price ORDER BY source_timestamp DESC, id DESC))[1], COALESCE(sum(volume), 0), count(*),
               min(source_timestamp), (array_agg(id ORDER BY source_timestamp, id))[1],
               max(source_timestamp), (array_agg(id ORDER BY source_timestamp DESC, id DESC))[1]
        FROM realtime_price_history GROUP BY 1, 2""",
        """
        INSERT INTO realtime_price_candles_1m
        SELECT 'S' || sym, timestamptz '2026-11-24T00:00:00Z' + m * interval '1 minute', 10, 11, 9, 10.5, 1000, 20,
               timestamptz '2026-11-24T00:00:00Z' + m * interval '1 minute', 1,
               timestamptz '2026-11-24T00:00:59Z' + m * interval '1 minute', 2
        FROM generate_series(1, %d) AS sym, generate_series(0, 1439) AS m""".formatted(OTHER_SYMBOLS),
        "ANALYZE"};
    static final String FROM_HISTORY = """
            SELECT date_bin('1 minute', source_timestamp, timestamptz '1970-01-01Z') AS start,
                   (array_agg(price ORDER BY source_timestamp, id))[1], max(price), min(price),
                   (array_agg(price ORDER BY source_timestamp DESC, id DESC))[1], COALESCE(sum(volume), 0), count(*),
                   min(source_timestamp), max(source_timestamp)
            FROM realtime_price_history
            WHERE symbol = ? AND source_timestamp >= ? AND source_timestamp < ?
            GROUP BY 1 ORDER BY 1""";

    private CandleQueries() {
    }

    static void load(BenchDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : SETUP) {
                statement.execute(sql);
            }
        }
    }

    /** p50/p99 of each side, and the API's p99 over the raw SQL's, for 1m and 1h. */
    static Map<String, Object> measure(BenchDatabase database, String apiBase, int warmup, int requests) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Connection connection = database.connect()) {
            for (String interval : new String[]{"1m", "1h"}) {
                String url = apiBase + "/api/v1/market-data/prices/" + SYMBOL + "/candles?interval=" + interval
                        + "&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z&limit=1440";
                String sql = interval.equals("1m") ? CandleRepository.MINUTES : CandleRepository.ROLLED_UP;
                Timed api = () -> get(client, url);
                Timed raw = () -> query(connection, sql, interval.equals("1h"));
                Map<String, Double> apiLatency = latencies(api, warmup, requests);
                Map<String, Double> rawLatency = latencies(raw, warmup, requests);
                figures.put("api_" + interval + "_ms", apiLatency);
                figures.put("raw_sql_" + interval + "_ms", rawLatency);
                figures.put("api_vs_raw_sql_" + interval + "_p99", apiLatency.get("p99") / rawLatency.get("p99"));
            }
            Map<String, Double> fromHistory = latencies(() -> query(connection, FROM_HISTORY, false), warmup, requests);
            figures.put("raw_sql_1m_from_history_ms", fromHistory);
            @SuppressWarnings("unchecked")
            Map<String, Double> stored = (Map<String, Double>) figures.get("raw_sql_1m_ms");
            figures.put("raw_sql_1m_stored_vs_from_history_p99", stored.get("p99") / fromHistory.get("p99"));
        }
        return figures;
    }

    private static long get(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"candles\":[{")) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body().length();
    }

    /** Runs the statement and reads every column of every row, as the API's repository does. */
    private static long query(Connection connection, String sql, boolean rolledUp) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (rolledUp) {
                statement.setString(parameter++, "3600 seconds");
            }
            statement.setString(parameter++, SYMBOL);
            statement.setObject(parameter++, DAY);
            statement.setObject(parameter, DAY.plusDays(1));
            long rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int i = 1; i <= columns; i++) {
                        result.getObject(i);
                    }
                    rows++;
                }
            }
            if (rows == 0) {
                throw new IllegalStateException("The bar query found no rows");
            }
            return rows;
        }
    }

    private static Map<String, Double> latencies(Timed call, int warmup, int requests) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("p50", nanos[requests / 2] / 1e6);
        figures.put("p99", nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6);
        figures.put("max", nanos[requests - 1] / 1e6);
        return figures;
    }

    @FunctionalInterface
    private interface Timed {
        long run() throws Exception;
    }
}
