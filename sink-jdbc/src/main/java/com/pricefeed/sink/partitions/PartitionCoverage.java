package com.pricefeed.sink.partitions;

import com.pricefeed.sink.write.Transactions;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes sure a partition exists for every source timestamp of a batch before the batch is written, so history rows
 * land in their own partition rather than in the default one. Remembers the ranges it has covered (aligned as the
 * database aligns them: on 2000-01-01 UTC), so a batch costs a database call only when it holds a tick from a range
 * not seen yet: the first of a new day, or a late tick from an old one. Used by the writing thread only.
 */
public final class PartitionCoverage {

    /** 2000-01-01T00:00:00Z, the origin partitions are aligned on, in seconds since 1970. */
    private static final long ORIGIN_SECONDS = 946_684_800L;

    private final DataSource dataSource;
    private final HistoryPartitioning settings;
    private final Set<Long> covered = new HashSet<>();

    public PartitionCoverage(DataSource dataSource, HistoryPartitioning settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Creates, in a transaction of its own, the partitions the timestamps need and no partition covers yet. */
    public void cover(Iterable<Instant> timestamps) throws SQLException {
        TreeSet<Long> missing = new TreeSet<>();
        for (Instant timestamp : timestamps) {
            long range = range(timestamp);
            if (!covered.contains(range)) {
                missing.add(range);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Transactions.inTransaction(dataSource, connection -> {
            for (long range : missing) {
                PartitionRepository.ensure(connection, start(range), start(range + 1), settings);
            }
            return null;
        });
        covered.addAll(missing);
    }

    private long range(Instant timestamp) {
        return Math.floorDiv(timestamp.getEpochSecond() - ORIGIN_SECONDS, settings.step().toSeconds());
    }

    private Instant start(long range) {
        return Instant.ofEpochSecond(ORIGIN_SECONDS + range * settings.step().toSeconds());
    }
}
