package com.pricefeed.api.follow;

import com.pricefeed.api.prices.Price;
import com.pricefeed.api.prices.PriceRepository;
import com.pricefeed.platform.ops.Health;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * The reads the follower makes on its listening connection, each in a transaction of its own that ends before the
 * method returns, so the connection is idle again and receives notifications. The connection must be in autocommit,
 * repeatable-read mode: one statement is then one transaction, and a read of several statements runs them in one
 * explicit transaction, sharing its snapshot.
 *
 * <p>{@link #bySymbol} reads what notifications name, by key. {@link #page} reads one bounded range of symbols, by
 * key order, either whole or only its rows committed since a horizon: a walk of such pages reads every row after
 * (re)connecting, and is the safety net that catches writes no notification announced. Each page also returns its
 * snapshot's horizon. History ids cannot serve as the safety net's watermark: the sink allocates them before it
 * commits, so a batch carrying smaller ids can commit after one carrying larger ids. Commit order is what matters,
 * and PostgreSQL exposes it through snapshots: every transaction older than a snapshot's {@code xmin} had finished
 * when that snapshot was taken, so its rows were visible to it. A row committed after snapshot S was therefore
 * written by a transaction id of at least {@code xmin(S)}: reading the rows whose {@code xmin} is at or beyond the
 * horizon of a walk's first page misses no commit made after that page. No index serves that condition; each page
 * walks its range of the primary key and filters, so a page costs at most its range, whatever the table holds.
 */
final class MasterReads {

    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";
    /** The end of the next range of at most {@code ?} symbols after {@code ?}, and how many it holds. */
    private static final String RANGE = """
            SELECT count(*) AS symbols, max(symbol) AS last
              FROM (SELECT symbol FROM realtime_symbols WHERE symbol > ? ORDER BY symbol LIMIT ?) r
            """;
    private static final String PAGE = PriceRepository.COLUMNS + " WHERE s.symbol > ? AND s.symbol <= ?";
    // age() counts transactions back from now on both sides, so the comparison survives 32-bit xid wraparound;
    // a frozen row has the greatest age and counts as old.
    private static final String PAGE_SINCE = PAGE + " AND age(s.xmin) <= age(xid(CAST(? AS text)::xid8))";
    private static final String BY_SYMBOL = PriceRepository.BY_SYMBOLS + " ORDER BY s.latest_history_id";
    private static final String PING = "SELECT 1";
    private static final String MIGRATIONS = """
            SELECT count(*) FILTER (WHERE success) AS applied, count(*) FILTER (WHERE NOT success) AS failed
              FROM flyway_schema_history
            """;
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;
    private final ReadCounts counts;

    MasterReads(Connection connection, ReadCounts counts) {
        this.connection = connection;
        this.counts = counts;
    }

    /**
     * The master rows of the next range of at most {@code size} symbols after {@code after} (by the primary key's
     * order; {@code ""} starts at the first), all of them or, given {@code since}, those committed at or after that
     * horizon.
     */
    Page page(String after, int size, OptionalLong since) throws SQLException {
        return inOneSnapshot(() -> {
            long horizon = horizon();
            String last;
            boolean end;
            try (PreparedStatement statement = connection.prepareStatement(RANGE)) {
                statement.setString(1, after);
                statement.setInt(2, size);
                try (ResultSet range = statement.executeQuery()) {
                    range.next();
                    last = range.getString("last");
                    end = range.getLong("symbols") < size;
                }
            }
            if (last == null) {
                counts.page(since.isPresent(), 0);
                return new Page(List.of(), horizon, after, true);
            }
            try (PreparedStatement statement = connection.prepareStatement(since.isPresent() ? PAGE_SINCE : PAGE)) {
                statement.setString(1, after);
                statement.setString(2, last);
                if (since.isPresent()) {
                    statement.setString(3, Long.toString(since.getAsLong()));
                }
                Page page = new Page(read(statement), horizon, last, end);
                counts.page(since.isPresent(), page.rows().size());
                return page;
            }
        });
    }

    /** The current master rows of {@code symbols} (those that have one). */
    List<Price> bySymbol(Collection<String> symbols) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(BY_SYMBOL)) {
            Array array = connection.createArrayOf("varchar", symbols.toArray());
            statement.setArray(1, array);
            List<Price> rows = read(statement);
            array.free();
            counts.bySymbol(rows.size());
            return rows;
        }
    }

    /** One round trip: proves the connection answers, and collects the notifications that arrived before it. */
    void ping() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(PING);
        }
    }

    /**
     * Whether the sink's Flyway migrations are in place: {@code flyway_schema_history} holds at least one successful
     * migration and no failed one.
     */
    Health.Status migrations() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(MIGRATIONS)) {
            rows.next();
            return rows.getLong("failed") > 0 ? Health.Status.down("a database migration failed")
                    : rows.getLong("applied") > 0 ? Health.Status.up()
                    : Health.Status.down("database migrations not applied yet");
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Health.Status.down("database migrations not applied yet");
            }
            throw e;
        }
    }

    private Page inOneSnapshot(SnapshotRead read) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Page page = read.run();
            connection.commit();
            return page;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private long horizon() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(HORIZON)) {
            rows.next();
            return Long.parseLong(rows.getString(1));
        }
    }

    private static List<Price> read(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            List<Price> prices = new ArrayList<>();
            while (rows.next()) {
                prices.add(PriceRepository.read(rows));
            }
            return prices;
        }
    }

    @FunctionalInterface
    private interface SnapshotRead {
        Page run() throws SQLException;
    }

    /**
     * @param rows    the master rows read
     * @param horizon the {@code xmin} of the snapshot they were read in
     * @param last    the last symbol of the range read: where the next page starts
     * @param end     whether no symbol follows the range
     */
    record Page(List<Price> rows, long horizon, String last, boolean end) {
    }
}
