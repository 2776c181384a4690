package com.pricefeed.api.support;

import com.pricefeed.database.ChangedSymbols;
import com.pricefeed.database.Channels;
import com.pricefeed.database.HistoryPartitions;
import com.pricefeed.testing.TestDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Arranges table state the way the sink would leave it: providers registered on first sight, one history row per
 * tick (in a daily partition created first, as the sink creates it), and the master row pointing at the newest tick
 * of its symbol.
 */
public final class PriceRows {

    private final TestDatabase database;
    private final Map<String, Long> providerIds = new HashMap<>();

    public PriceRows(TestDatabase database) {
        this.database = database;
    }

    public static Tick aTick(String symbol, String price, Instant at) {
        return new Tick(symbol, new BigDecimal(price), at, "polygon", 1000L, null, null, null);
    }

    /** Writes the tick as a history row and, unless an equal or newer one leads, as the symbol's master row. */
    public long insert(Tick tick) {
        return insert(tick, true, true);
    }

    /** Writes the tick as {@link #insert} does but sends no notification, as if the notification were lost. */
    public long insertUnannounced(Tick tick) {
        return insert(tick, true, false);
    }

    /**
     * Writes the tick as {@link #insert} does under a history id taken earlier ({@link #reserveHistoryId}), as a
     * sink instance does whose ids were allocated before another's.
     */
    public void insertAs(long historyId, Tick tick) {
        cover(tick.at());
        inTransaction(connection -> {
            long providerId = provider(connection, tick.provider());
            history(connection, tick, providerId, historyId);
            master(connection, tick, providerId, historyId);
            notifyCommitted(connection, List.of(tick.symbol()));
            return historyId;
        });
    }

    /** Takes a history id from the sequence without writing a row. */
    public long reserveHistoryId() {
        return inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT nextval('realtime_price_history_id_seq')")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Sends the sink's change notification for {@code symbols} without writing anything. */
    public void announce(String... symbols) {
        inTransaction(connection -> {
            notifyCommitted(connection, List.of(symbols));
            return 0L;
        });
    }

    /**
     * Writes a tick of each of {@code symbols} at this price and time, history and master rows, in one transaction
     * with one notification naming them all, as one sink batch does.
     */
    public void insertAll(List<String> symbols, String price, Instant at) {
        cover(at);
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH h AS (
                        INSERT INTO realtime_price_history (symbol, price, volume, source_timestamp, fetched_at, provider_id)
                        SELECT symbol, ?::numeric, 1000, ?, now(), ? FROM unnest(?::varchar[]) AS symbol
                        RETURNING id, symbol, price, source_timestamp, provider_id)
                    INSERT INTO realtime_symbols (symbol, current_price, last_updated, provider_id, volume, latest_history_id,
                                                  previous_close)
                    SELECT symbol, price, source_timestamp, provider_id, 1000, id, NULL FROM h
                    ON CONFLICT (symbol) DO UPDATE SET current_price = EXCLUDED.current_price,
                        last_updated = EXCLUDED.last_updated, latest_history_id = EXCLUDED.latest_history_id,
                        previous_close = EXCLUDED.previous_close, updated_at = now()""")) {
                statement.setString(1, price);
                statement.setTimestamp(2, Timestamp.from(at));
                statement.setLong(3, provider(connection, "polygon"));
                statement.setArray(4, connection.createArrayOf("varchar", symbols.toArray()));
                statement.executeUpdate();
            }
            notifyCommitted(connection, symbols);
            return 0L;
        });
    }

    private long insert(Tick tick, boolean master, boolean announce) {
        cover(tick.at());
        return inTransaction(connection -> {
            long providerId = provider(connection, tick.provider());
            long id = history(connection, tick, providerId);
            if (master) {
                master(connection, tick, providerId, id);
            }
            if (announce) {
                notifyCommitted(connection, List.of(tick.symbol()));
            }
            return id;
        });
    }

    /** The history has no default partition: the day of {@code at} needs its own before a row of it is written. */
    private void cover(Instant at) {
        try (Connection connection = database.connect()) {
            HistoryPartitions.cover(connection, List.of(at), Duration.ofDays(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long inTransaction(SqlWork work) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            long result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        long run(Connection connection) throws SQLException;
    }

    /**
     * Writes the tick as {@link #insert} does but leaves the transaction open, as a sink batch still in flight: its
     * history id is allocated now, and it becomes visible (and is notified) only on {@link InFlight#commit()}.
     */
    public InFlight begin(Tick tick) {
        try {
            Connection connection = database.connect();
            connection.setAutoCommit(false);
            long providerId = provider(connection, tick.provider());
            long id = history(connection, tick, providerId);
            master(connection, tick, providerId, id);
            return new InFlight(connection, id, tick.symbol());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A batch transaction not committed yet. */
    public static final class InFlight {

        private final Connection connection;
        private final long id;
        private final String symbol;

        private InFlight(Connection connection, long id, String symbol) {
            this.connection = connection;
            this.id = id;
            this.symbol = symbol;
        }

        public long id() {
            return id;
        }

        public void commit() {
            try (connection) {
                notifyCommitted(connection, List.of(symbol));
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Delists {@code symbol} at {@code at} as the sink does for a delisting record: the master row keeps its price and
     * link and gains {@code delisted_at}, unless its last price is newer than the delisting; the change is announced.
     * Returns whether a row was delisted.
     */
    public boolean delist(String symbol, Instant at) {
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE realtime_symbols SET delisted_at = ?, updated_at = now()
                     WHERE symbol = ? AND last_updated <= ? AND (delisted_at IS NULL OR delisted_at < ?)""")) {
                statement.setTimestamp(1, Timestamp.from(at));
                statement.setString(2, symbol);
                statement.setTimestamp(3, Timestamp.from(at));
                statement.setTimestamp(4, Timestamp.from(at));
                int delisted = statement.executeUpdate();
                notifyCommitted(connection, List.of(symbol));
                return delisted;
            }
        }) == 1;
    }

    /** Writes the tick to history only, as a late tick that did not become current. */
    public long insertHistoryOnly(Tick tick) {
        return insert(tick, false, false);
    }

    public long count(String table) {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long provider(Connection connection, String code) throws SQLException {
        Long known = providerIds.get(code);
        if (known != null) {
            return known;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO market_data_providers (code, display_name) VALUES (?, ?)
                ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id""")) {
            statement.setString(1, code);
            statement.setString(2, code.toUpperCase());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                providerIds.put(code, rows.getLong(1));
                return rows.getLong(1);
            }
        }
    }

    private static long history(Connection connection, Tick tick, long providerId) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT nextval('realtime_price_history_id_seq')")) {
            rows.next();
            return history(connection, tick, providerId, rows.getLong(1));
        }
    }

    private static long history(Connection connection, Tick tick, long providerId, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO realtime_price_history (id, symbol, price, volume, source_timestamp, fetched_at, provider_id,
                                                    previous_close)
                VALUES (?, ?, ?, ?, ?, now(), ?, ?)""")) {
            statement.setLong(1, id);
            statement.setString(2, tick.symbol());
            statement.setBigDecimal(3, tick.price());
            statement.setObject(4, tick.volume());
            statement.setTimestamp(5, Timestamp.from(tick.at()));
            statement.setLong(6, providerId);
            statement.setBigDecimal(7, tick.previousClose());
            statement.executeUpdate();
            return id;
        }
    }

    /** As the sink does in each batch transaction: the notification is delivered only when the batch commits. */
    private static void notifyCommitted(Connection connection, List<String> symbols) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String payload : ChangedSymbols.payloads(symbols)) {
                statement.setString(1, Channels.REALTIME_SYMBOLS_CHANGED);
                statement.setString(2, payload);
                statement.execute();
            }
        }
    }

    private static void master(Connection connection, Tick tick, long providerId, long historyId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO realtime_symbols (symbol, current_price, company_name, last_updated, provider_id, volume,
                                              market_cap, latest_history_id, previous_close)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol) DO UPDATE SET current_price = EXCLUDED.current_price,
                    company_name = COALESCE(EXCLUDED.company_name, realtime_symbols.company_name),
                    last_updated = EXCLUDED.last_updated, provider_id = EXCLUDED.provider_id,
                    volume = EXCLUDED.volume, market_cap = COALESCE(EXCLUDED.market_cap, realtime_symbols.market_cap),
                    latest_history_id = EXCLUDED.latest_history_id, previous_close = EXCLUDED.previous_close,
                    delisted_at = NULL, updated_at = now()
                WHERE realtime_symbols.last_updated < EXCLUDED.last_updated""")) {
            statement.setString(1, tick.symbol());
            statement.setBigDecimal(2, tick.price());
            statement.setString(3, tick.companyName());
            statement.setTimestamp(4, Timestamp.from(tick.at()));
            statement.setLong(5, providerId);
            statement.setObject(6, tick.volume());
            statement.setBigDecimal(7, tick.marketCap());
            statement.setLong(8, historyId);
            statement.setBigDecimal(9, tick.previousClose());
            statement.executeUpdate();
        }
    }

    /** One tick as the sink would write it. */
    public record Tick(String symbol, BigDecimal price, Instant at, String provider, Long volume, String companyName,
                       BigDecimal marketCap, BigDecimal previousClose) {

        public Tick provider(String code) {
            return new Tick(symbol, price, at, code, volume, companyName, marketCap, previousClose);
        }

        public Tick volume(Long newVolume) {
            return new Tick(symbol, price, at, provider, newVolume, companyName, marketCap, previousClose);
        }

        public Tick company(String name) {
            return new Tick(symbol, price, at, provider, volume, name, marketCap, previousClose);
        }

        public Tick marketCap(String cap) {
            return new Tick(symbol, price, at, provider, volume, companyName, new BigDecimal(cap), previousClose);
        }

        public Tick previousClose(String close) {
            return new Tick(symbol, price, at, provider, volume, companyName, marketCap, new BigDecimal(close));
        }
    }
}
