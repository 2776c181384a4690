package com.pricefeed.sink.partitions;

import com.pricefeed.sink.write.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes sure a partition exists for every source timestamp of a batch before the batch is written: the history has
 * no default partition (V15), so a row whose partition is missing cannot be written at all. Remembers the ranges it
 * has covered (aligned as the database aligns them: on 2000-01-01 UTC), so a batch costs a database call only when
 * it holds a tick from a range not seen yet: the first of a new day, or a late tick from an old one. The partitions
 * are created through {@code price_history_cover}, a SECURITY DEFINER routine the writer role may call without DDL
 * rights, in a transaction of their own, so the batch's transaction only writes rows. Those it creates are counted
 * as {@code prices_sink_history_partitions_created_total{by="writer"}}: with the maintenance task ahead of the
 * ticks, only ticks outside its window (far late, far ahead) create them. Used by the writing thread only.
 */
public final class PartitionCoverage {

    /** 2000-01-01T00:00:00Z, the origin partitions are aligned on, in seconds since 1970. */
    private static final long ORIGIN_SECONDS = 946_684_800L;

    private final DataSource dataSource;
    private final HistoryPartitioning settings;
    private final Set<Long> covered = new HashSet<>();
    private final Counter created;

    public PartitionCoverage(DataSource dataSource, HistoryPartitioning settings, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.created = PartitionMaintenance.createdCounter(registry, "writer");
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
        List<Instant> starts = new ArrayList<>(missing.size());
        for (long range : missing) {
            starts.add(start(range));
        }
        created.increment(Transactions.inTransaction(dataSource, connection -> PartitionRepository.cover(connection, starts, settings)));
        covered.addAll(missing);
    }

    /**
     * Forgets the ranges covered so far, so the next batch asks the database again: after a write found a
     * partition missing that this remembered (dropped behind the sink's back, or by retention).
     */
    public void forget() {
        covered.clear();
    }

    private long range(Instant timestamp) {
        return Math.floorDiv(timestamp.getEpochSecond() - ORIGIN_SECONDS, settings.step().toSeconds());
    }

    private Instant start(long range) {
        return Instant.ofEpochSecond(ORIGIN_SECONDS + range * settings.step().toSeconds());
    }
}
