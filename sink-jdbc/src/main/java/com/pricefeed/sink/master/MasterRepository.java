package com.pricefeed.sink.master;

import com.pricefeed.database.ChangedSymbols;
import com.pricefeed.database.Channels;
import com.pricefeed.sink.jdbc.SqlArrays;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code realtime_symbols}: one upsert for all candidates of a batch, and the notification that tells readers
 * (the API's live stream) that committed master rows changed.
 */
public final class MasterRepository {

    /*
     * The WHERE clause is the Newest rule in SQL: a row is replaced only by a strictly newer tick, comparing
     * (source timestamp, provider code, price, volume with a missing volume smallest) as a tuple. Provider codes
     * compare with COLLATE "C" (code point order, as Java's String.compareTo) whatever the database's collation.
     * So replaying old records, even ones marked became_current, never moves a master row backwards.
     * delisted_at comes with the price: the processor sets it on a late tick that became a delisted symbol's last
     * price and leaves it null on a tick that (re)lists the symbol. previous_close is the tick's own, like volume.
     */
    static final String UPSERT = """
            INSERT INTO realtime_symbols AS rs
                (symbol, current_price, company_name, last_updated, provider_id, volume, market_cap, latest_history_id,
                 delisted_at, previous_close)
            SELECT * FROM unnest(?::varchar[], ?::numeric[], ?::varchar[], ?::timestamptz[], ?::bigint[], ?::bigint[],
                                 ?::numeric[], ?::bigint[], ?::timestamptz[], ?::numeric[])
            ON CONFLICT (symbol) DO UPDATE SET
                current_price = EXCLUDED.current_price,
                company_name = COALESCE(EXCLUDED.company_name, rs.company_name),
                last_updated = EXCLUDED.last_updated,
                provider_id = EXCLUDED.provider_id,
                volume = EXCLUDED.volume,
                market_cap = COALESCE(EXCLUDED.market_cap, rs.market_cap),
                latest_history_id = EXCLUDED.latest_history_id,
                delisted_at = EXCLUDED.delisted_at,
                previous_close = EXCLUDED.previous_close,
                updated_at = now()
            WHERE (rs.last_updated,
                   (SELECT p.code FROM market_data_providers p WHERE p.id = rs.provider_id) COLLATE "C",
                   rs.current_price,
                   COALESCE(rs.volume, -1))
                < (EXCLUDED.last_updated,
                   (SELECT p.code FROM market_data_providers p WHERE p.id = EXCLUDED.provider_id) COLLATE "C",
                   EXCLUDED.current_price,
                   COALESCE(EXCLUDED.volume, -1))""";
    /*
     * A delisting marks the row and keeps its price and link. It applies only where the row's last price is not newer
     * than the delisting (a newer tick relisted the symbol, or will: the processor sends no such delisting, but a
     * replay may) and no newer delisting is in force, so replaying old delistings never moves the row backwards.
     * A symbol without a row has nothing to mark: the processor sends its late tick with delisted_at set instead.
     */
    static final String DELIST = """
            UPDATE realtime_symbols AS rs SET delisted_at = d.delisted_at, updated_at = now()
              FROM unnest(?::varchar[], ?::timestamptz[]) AS d (symbol, delisted_at)
             WHERE rs.symbol = d.symbol
               AND rs.last_updated <= d.delisted_at
               AND (rs.delisted_at IS NULL OR rs.delisted_at < d.delisted_at)""";
    /* Outside any transaction; needs the table's owner (or, from PostgreSQL 17, the MAINTAIN privilege). */
    static final String VACUUM = "VACUUM realtime_symbols";
    static final String NOTIFY = "SELECT pg_notify('" + Channels.REALTIME_SYMBOLS_CHANGED + "', payload) FROM unnest(?::text[]) AS payload";

    private MasterRepository() {
    }

    /** Upserts the candidates; returns how many master rows were inserted or moved forward. */
    public static int upsert(Connection connection, List<MasterCandidate> candidates, Map<String, Long> providerIds)
            throws SQLException {
        if (candidates.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setArray(1, SqlArrays.texts(connection, candidates, c -> c.master().symbol()));
            statement.setArray(2, SqlArrays.decimals(connection, candidates, c -> c.master().price()));
            statement.setArray(3, SqlArrays.texts(connection, candidates, c -> c.master().companyName()));
            statement.setArray(4, SqlArrays.instants(connection, candidates, c -> c.master().lastUpdated()));
            statement.setArray(5, SqlArrays.longs(connection, candidates, c -> providerIds.get(c.master().provider())));
            statement.setArray(6, SqlArrays.longs(connection, candidates, c -> c.master().volume()));
            statement.setArray(7, SqlArrays.decimals(connection, candidates, c -> c.master().marketCap()));
            statement.setArray(8, SqlArrays.longs(connection, candidates, MasterCandidate::historyId));
            statement.setArray(9, SqlArrays.instants(connection, candidates, MasterCandidate::delistedAt));
            statement.setArray(10, SqlArrays.decimals(connection, candidates, c -> c.master().previousClose()));
            int changed = statement.executeUpdate();
            if (changed < 0 || changed > candidates.size()) {
                throw new SQLException("Upsert of " + candidates.size() + " master rows reported " + changed + " changed");
            }
            return changed;
        }
    }

    /**
     * Marks the rows of the delistings' symbols delisted, after the batch's upsert; returns how many rows changed. A
     * symbol delisted more than once in the batch counts with its newest delisting: the guard lets any older one
     * through only where it lets the newest through as well, so the newest alone leaves the same row.
     */
    public static int delist(Connection connection, List<Delisting> delistings) throws SQLException {
        if (delistings.isEmpty()) {
            return 0;
        }
        Map<String, Delisting> newest = new LinkedHashMap<>();
        for (Delisting delisting : delistings) {
            newest.merge(delisting.symbol(), delisting,
                    (a, b) -> b.delistedAt().isAfter(a.delistedAt()) ? b : a);
        }
        List<Delisting> rows = new ArrayList<>(newest.values());
        try (PreparedStatement statement = connection.prepareStatement(DELIST)) {
            statement.setArray(1, SqlArrays.texts(connection, rows, Delisting::symbol));
            statement.setArray(2, SqlArrays.instants(connection, rows, Delisting::delistedAt));
            int changed = statement.executeUpdate();
            if (changed < 0 || changed > rows.size()) {
                throw new SQLException("Delisting of " + rows.size() + " master rows reported " + changed + " changed");
            }
            return changed;
        }
    }

    /**
     * Vacuums the master table on a connection in autocommit mode; returns why PostgreSQL skipped it (it warns, for
     * a role that may not vacuum the table), or null when it ran.
     */
    public static String vacuum(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(VACUUM);
            SQLWarning warning = statement.getWarnings();
            return warning == null ? null : warning.getMessage();
        }
    }

    /**
     * Queues the notifications naming the symbols whose master rows the transaction upserted or delisted, in one statement;
     * PostgreSQL delivers them only if and when the transaction commits, in commit order.
     */
    public static void notifyChanged(Connection connection, List<String> symbols) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            Array payloads = connection.createArrayOf("text", ChangedSymbols.payloads(symbols).toArray());
            statement.setArray(1, payloads);
            try (ResultSet ignored = statement.executeQuery()) {
                // pg_notify returns void; the rows carry nothing.
            }
            payloads.free();
        }
    }
}
