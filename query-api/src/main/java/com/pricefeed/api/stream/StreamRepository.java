package com.pricefeed.api.stream;

import com.pricefeed.api.prices.Price;
import com.pricefeed.api.prices.PriceRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The SQL behind the stream: the master rows committed since a transaction horizon, read in one snapshot together
 * with that snapshot's own horizon.
 *
 * <p>History ids cannot serve as a watermark: the sink allocates them before it commits, so with several sink
 * instances a batch carrying smaller ids can commit after one carrying larger ids. Commit order is what matters,
 * and PostgreSQL exposes it through snapshots: every transaction older than a snapshot's {@code xmin} had finished
 * when that snapshot was taken, so its rows were visible to it. A row committed after snapshot S was therefore
 * written by a transaction id of at least {@code xmin(S)}: reading the rows whose {@code xmin} is at or beyond the
 * previous read's horizon misses no commit. It re-reads rows of transactions still open last time; the hub drops
 * those it already holds. {@code realtime_symbols} holds one row per symbol, so the scan stays small.
 */
final class StreamRepository {

    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";
    private static final String ALL = PriceRepository.COLUMNS + " ORDER BY s.latest_history_id";
    // age() counts transactions back from now on both sides, so the comparison survives 32-bit xid wraparound;
    // a frozen row has the greatest age and counts as old.
    private static final String COMMITTED_SINCE = PriceRepository.COLUMNS
            + " WHERE age(s.xmin) <= age(xid(CAST(? AS text)::xid8)) ORDER BY s.latest_history_id";

    private StreamRepository() {
    }

    /**
     * The master rows committed since {@code horizon} (every row when empty), and the horizon to pass next time.
     * {@code connection} must be in manual-commit, repeatable-read mode: both reads share one snapshot, and the
     * transaction ends before this returns, so the connection is idle again and can receive notifications.
     */
    static Changes committedSince(Connection connection, OptionalLong horizon) throws SQLException {
        long next;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(HORIZON)) {
            rows.next();
            next = Long.parseLong(rows.getString(1));
        }
        List<Price> prices;
        try (PreparedStatement statement = connection.prepareStatement(horizon.isPresent() ? COMMITTED_SINCE : ALL)) {
            if (horizon.isPresent()) {
                statement.setString(1, Long.toString(horizon.getAsLong()));
            }
            prices = read(statement);
        }
        connection.commit();
        return new Changes(prices, next);
    }

    private static List<Price> read(PreparedStatement statement) throws SQLException {
        List<Price> prices = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                prices.add(PriceRepository.read(rows));
            }
        }
        return prices;
    }

    /**
     * @param prices  the rows read, by ascending history id
     * @param horizon the {@code xmin} of the snapshot they were read in
     */
    record Changes(List<Price> prices, long horizon) {
    }
}
