package com.pricefeed.sink.write;

import java.time.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.pricefeed.sink.partitions.HistoryPartitioning;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.candles.CandleRepository;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.batch.OffsetRange;
import com.pricefeed.sink.candles.CandleWriter;
import com.pricefeed.sink.history.HistoryIds;
import com.pricefeed.sink.history.HistoryRow;
import com.pricefeed.sink.history.HistoryWriter;
import com.pricefeed.sink.history.IdFloor;
import com.pricefeed.sink.master.Delisting;
import com.pricefeed.sink.master.MasterCandidate;
import com.pricefeed.sink.master.MasterConflation;
import com.pricefeed.sink.master.MasterRepository;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.partitions.ExpiredTicks;
import com.pricefeed.sink.partitions.PartitionCoverage;
import com.pricefeed.sink.poison.RejectedRecord;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one batch in one transaction, step by step: set aside the ticks past the retention horizon, register
 * providers, allocate history ids, insert the history rows, merge them into the one-minute bars, upsert the
 * conflated master rows, mark the delisted ones, advance the stored positions, queue the change notification,
 * commit. Either all of it is committed or none of it. Before that, the history partitions the batch needs are
 * created when missing; should one the writer remembered as created be gone when the rows go in (dropped behind its
 * back), it asks the database again and writes the batch once more, so no batch ever fails, nor any record is set
 * aside, for a missing partition.
 *
 * <p>Delistings are marked after the upsert: a tick that relists a symbol carries no delisting and so clears the
 * row's, and a delisting applies only where the row's price (upserted just before) is not newer than it. In partition
 * order a delisting that precedes a relisting tick is therefore undone by it, and one that follows a tick stays, as
 * they would one batch at a time.
 */
public final class BatchWriter {

    private final DataSource dataSource;
    private final ProviderRegistry providers;
    private final HistoryWriter history;
    private final CandleWriter candles;
    private final OffsetRepository offsets;
    private final RejectedRecordRepository rejects;
    private final PartitionCoverage partitions;
    private final ExpiredTicks expired;
    private final IdFloor idFloor = new IdFloor();

    public BatchWriter(DataSource dataSource, ProviderRegistry providers, HistoryWriter history, CandleWriter candles,
                       OffsetRepository offsets, RejectedRecordRepository rejects, PartitionCoverage partitions,
                       ExpiredTicks expired) {
        this.dataSource = dataSource;
        this.providers = providers;
        this.history = history;
        this.candles = candles;
        this.offsets = offsets;
        this.rejects = rejects;
        this.partitions = partitions;
        this.expired = expired;
    }

    /**
     * A writer with the sink's default settings — bars on, daily partitions, no retention — writing positions and
     * set-aside records under {@code groupId}: for harnesses that drive the write path without a consumer.
     */
    public static BatchWriter withDefaults(DataSource dataSource, String groupId) {
        return new BatchWriter(dataSource, new ProviderRegistry(code -> code), new CopyHistoryWriter(),
                new CandleRepository(), new OffsetRepository(groupId), new RejectedRecordRepository(groupId),
                new PartitionCoverage(dataSource, HistoryPartitioning.DEFAULT, new SimpleMeterRegistry()),
                new ExpiredTicks(HistoryPartitioning.DEFAULT, Clock.systemUTC(), value -> new byte[0], new SimpleMeterRegistry()));
    }

    public WriteResult write(Batch batch) throws SQLException {
        try {
            requireReadable(batch);
            Written written = coveredAndWritten(batch);
            expired.committed(written.expired());
            providers.remember(written.providerIds());
            return written.result();
        } catch (SQLException | RuntimeException e) {
            // A provider row removed behind our back would make every cached id fail its foreign key.
            providers.forget();
            throw e;
        }
    }

    private Written coveredAndWritten(Batch batch) throws SQLException {
        Iterable<Instant> timestamps = () -> ticks(batch.records()).stream().map(record -> tick(record).sourceTimestamp()).iterator();
        partitions.cover(timestamps);
        try {
            return Transactions.inTransaction(dataSource, connection -> steps(connection, batch));
        } catch (SQLException e) {
            if (!Failure.missingPartition(e)) {
                throw e;
            }
            partitions.forget();
            partitions.cover(timestamps);
            return Transactions.inTransaction(dataSource, connection -> steps(connection, batch));
        }
    }

    private Written steps(Connection connection, Batch batch) throws SQLException {
        List<RejectedRecord> setAside = new ArrayList<>();
        List<BatchRecord> records = expired.keep(batch.records(), setAside);
        for (RejectedRecord rejected : setAside) {
            rejects.insert(connection, rejected);
        }
        List<BatchRecord> ticks = ticks(records);
        List<Delisting> delistings = delistings(records);
        Map<String, Long> providerIds = providers.resolve(connection, providerCodes(ticks));
        long[] ids = ticks.isEmpty() ? new long[0] : idFloor.check(connection, HistoryIds.allocate(connection, ticks.size()));
        List<HistoryRow> rows = historyRows(ticks, ids, providerIds);
        if (!rows.isEmpty()) {
            history.insert(connection, rows);
            candles.write(connection, rows);
        }
        List<MasterCandidate> candidates = MasterConflation.conflate(rows);
        int changed = MasterRepository.upsert(connection, candidates, providerIds);
        changed += MasterRepository.delist(connection, delistings);
        offsets.advance(connection, batch.ranges());
        long maxHistoryId = maxId(rows);
        if (changed > 0) {
            MasterRepository.notifyChanged(connection, changedSymbols(candidates, delistings));
        }
        return new Written(new WriteResult(rows.size(), changed, maxHistoryId, newestSource(rows)), providerIds, setAside.size());
    }

    /** Stores a record the database refused and moves its partition past it, in one transaction. */
    public void reject(RejectedRecord rejected) throws SQLException {
        Transactions.inTransaction(dataSource, connection -> {
            rejects.insert(connection, rejected);
            offsets.advance(connection, Map.of(rejected.partition(), new OffsetRange(rejected.offset(), rejected.offset() + 1)));
            return null;
        });
    }

    /** Advances the history id sequence past the rows already written; returns the last id it counts as drawn. */
    public long advanceHistoryIds() throws SQLException {
        return Transactions.inTransaction(dataSource, HistoryIds::advancePastExisting);
    }

    private static void requireReadable(Batch batch) throws DataRejectedException {
        for (BatchRecord record : batch.records()) {
            if (record.value() == null) {
                throw new DataRejectedException("Record " + record.coordinates() + " has no value (a tombstone)");
            }
        }
    }

    /** The records that carry a tick ({@link HistoryRecord}s), in order. */
    private static List<BatchRecord> ticks(List<BatchRecord> records) {
        return records.stream().filter(record -> record.value() instanceof HistoryRecord).toList();
    }

    private static PriceTick tick(BatchRecord record) {
        return ((HistoryRecord) record.value()).tick();
    }

    /** The records that delist a symbol ({@link SymbolDelisting}s), in order. */
    private static List<Delisting> delistings(List<BatchRecord> records) {
        List<Delisting> delistings = new ArrayList<>();
        for (BatchRecord record : records) {
            if (record.value() instanceof SymbolDelisting delisting) {
                delistings.add(new Delisting(delisting.symbol(), delisting.delistedAt()));
            }
        }
        return delistings;
    }

    /** Every symbol whose master row the batch upserted or delisted, each once. */
    private static List<String> changedSymbols(List<MasterCandidate> candidates, List<Delisting> delistings) {
        Set<String> symbols = new LinkedHashSet<>();
        candidates.forEach(candidate -> symbols.add(candidate.master().symbol()));
        delistings.forEach(delisting -> symbols.add(delisting.symbol()));
        return List.copyOf(symbols);
    }

    private static Set<String> providerCodes(List<BatchRecord> ticks) {
        Set<String> codes = new TreeSet<>();
        for (BatchRecord record : ticks) {
            codes.add(tick(record).provider());
        }
        return codes;
    }

    private static List<HistoryRow> historyRows(List<BatchRecord> ticks, long[] ids, Map<String, Long> providerIds) {
        List<HistoryRow> rows = new ArrayList<>(ticks.size());
        int i = 0;
        for (BatchRecord record : ticks) {
            HistoryRecord value = (HistoryRecord) record.value();
            rows.add(new HistoryRow(ids[i++], providerIds.get(value.tick().provider()), value));
        }
        return rows;
    }

    private static long maxId(List<HistoryRow> rows) {
        long max = 0;
        for (HistoryRow row : rows) {
            max = Math.max(max, row.id());
        }
        return max;
    }

    private static Instant newestSource(List<HistoryRow> rows) {
        Instant newest = null;
        for (HistoryRow row : rows) {
            PriceTick tick = row.tick();
            if (newest == null || tick.sourceTimestamp().isAfter(newest)) {
                newest = tick.sourceTimestamp();
            }
        }
        return newest;
    }

    private record Written(WriteResult result, Map<String, Long> providerIds, int expired) {
    }
}
