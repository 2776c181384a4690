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

/**
 * The reads the follower makes on its listening connection, each in a transaction of its own that ends before the
 * method returns, so the connection is idle again and receives notifications. The connection must be in autocommit,
 * repeatable-read mode: one statement is then one transaction, and a read of two statements runs them in one
 * explicit transaction, sharing its snapshot.
 *
 * <p>{@link #bySymbol} reads what notifications name, by key. {@link #all} and {@link #committedSince} also return
 * their snapshot's horizon, for the safety net that catches writes no notification announced. History ids cannot
 * serve as its watermark: the sink allocates them before it commits, so a batch carrying smaller ids can commit
 * after one carrying larger ids. Commit order is what matters, and PostgreSQL exposes it through snapshots: every
 * transaction older than a snapshot's {@code xmin} had finished when that snapshot was taken, so its rows were
 * visible to it. A row committed after snapshot S was therefore written by a transaction id of at least
 * {@code xmin(S)}: reading the rows whose {@code xmin} is at or beyond the previous horizon misses no commit. No
 * index serves that condition, so it scans the table; the follower runs it rarely.
 */
final class MasterReads {

    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";
    private static final String ALL = PriceRepository.COLUMNS + " ORDER BY s.latest_history_id";
    private static final String BY_SYMBOL = PriceRepository.BY_SYMBOLS + " ORDER BY s.latest_history_id";
    // age() counts transactions back from now on both sides, so the comparison survives 32-bit xid wraparound;
    // a frozen row has the greatest age and counts as old.
    private static final String COMMITTED_SINCE = PriceRepository.COLUMNS
            + " WHERE age(s.xmin) <= age(xid(CAST(? AS text)::xid8)) ORDER BY s.latest_history_id";
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

    /** Every master row, and the horizon to read changes from next. */
    Snapshot all() throws SQLException {
        return inOneSnapshot(() -> {
            long horizon = horizon();
            try (PreparedStatement statement = connection.prepareStatement(ALL)) {
                Snapshot snapshot = new Snapshot(read(statement), horizon);
                counts.all(snapshot.rows().size());
                return snapshot;
            }
        });
    }

    /** The master rows committed since {@code horizon}, and the horizon to read from next. */
    Snapshot committedSince(long horizon) throws SQLException {
        return inOneSnapshot(() -> {
            long next = horizon();
            try (PreparedStatement statement = connection.prepareStatement(COMMITTED_SINCE)) {
                statement.setString(1, Long.toString(horizon));
                Snapshot snapshot = new Snapshot(read(statement), next);
                counts.committedSince(snapshot.rows().size());
                return snapshot;
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

    private Snapshot inOneSnapshot(SnapshotRead read) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Snapshot snapshot = read.run();
            connection.commit();
            return snapshot;
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
        Snapshot run() throws SQLException;
    }

    /**
     * @param rows    the rows read, by ascending history id
     * @param horizon the {@code xmin} of the snapshot they were read in
     */
    record Snapshot(List<Price> rows, long horizon) {
    }
}
