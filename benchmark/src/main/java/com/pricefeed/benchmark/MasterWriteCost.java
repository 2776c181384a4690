package com.pricefeed.benchmark;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.batch.Batch;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.SinkSettings;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.master.MasterVacuum;
import com.pricefeed.sink.offsets.OffsetRepository;
import com.pricefeed.sink.poison.RejectedRecordRepository;
import com.pricefeed.sink.providers.ProviderRegistry;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.WriteResult;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the master table's indexes cost its writer: the sink's own {@link BatchWriter} writes the same batches into
 * fresh databases, one with the schema before V14 (four indexes, every page filled) and one with the current
 * schema, alternating round by round so the host's drift falls on both alike. Per side: rows/s, the CPU of the
 * PostgreSQL backend that wrote them per tick, the share of master updates that were HOT, the dead row versions
 * left (autovacuum off or not, whatever the server runs with) and the table's size. A third database with the
 * current schema is also vacuumed as the sink does ({@link MasterVacuum}).
 */
final class MasterWriteCost {

    /** The schema before this migration: every migration numbered below V14 ("?": whichever exist). */
    static final String BEFORE = "13?";
    private static final TopicPartition PARTITION = new TopicPartition("bench-master", 0);
    private static final String TABLE_STATS = """
            SELECT n_tup_upd, n_tup_hot_upd, n_dead_tup, pg_relation_size(relid) AS heap_bytes,
                   pg_indexes_size(relid) AS index_bytes
              FROM pg_stat_user_tables WHERE relname = 'realtime_symbols'""";

    private MasterWriteCost() {
    }

    /**
     * 200,000 ticks per side in batches of 500 (the size of the sink's batches at a few thousand ticks/s), in four
     * rounds per side.
     */
    static Map<String, Object> measure(int symbols) throws Exception {
        return measure(symbols, 200_000, 500, 4);
    }

    static Map<String, Object> measure(int symbols, int rowsPerSide, int batchSize, int rounds) throws Exception {
        List<Batch> batches = batches(symbols, rowsPerSide, batchSize);
        try (Side before = new Side("before_v14", BenchDatabase.migratedTo(BEFORE), 0);
             Side after = new Side("after_v14", BenchDatabase.migrated(), 0);
             Side vacuumed = new Side("after_v14_with_sink_vacuum", BenchDatabase.migrated(),
                     SinkSettings.MASTER_VACUUM_AFTER.defaultValue())) {
            int perRound = (batches.size() + rounds - 1) / rounds;
            for (int from = 0; from < batches.size(); from += perRound) {
                List<Batch> round = batches.subList(from, Math.min(batches.size(), from + perRound));
                before.write(round);
                after.write(round);
                vacuumed.write(round);
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("symbols", symbols);
            figures.put("rows_per_side", rowsPerSide);
            figures.put("batch_size", batchSize);
            figures.put("rounds", rounds);
            Map<String, Object> beforeFigures = before.figures();
            Map<String, Object> afterFigures = after.figures();
            figures.put(before.name, beforeFigures);
            figures.put(after.name, afterFigures);
            figures.put(vacuumed.name, vacuumed.figures());
            figures.put("rows_per_s_after_vs_before",
                    (double) afterFigures.get("rows_per_s") / (double) beforeFigures.get("rows_per_s"));
            figures.put("postgresql_cpu_per_tick_after_vs_before",
                    (double) afterFigures.get("postgresql_cpu_us_per_tick") / (double) beforeFigures.get("postgresql_cpu_us_per_tick"));
            return figures;
        }
    }

    private static List<Batch> batches(int symbols, int rows, int batchSize) {
        TickGenerator generator = new TickGenerator(symbols, 22);
        Instant clock = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);
        List<Batch> batches = new ArrayList<>();
        List<BatchRecord> records = new ArrayList<>(batchSize);
        for (long offset = 0; offset < rows; offset++) {
            clock = clock.plus(1, ChronoUnit.MICROS);
            HistoryRecord record = new HistoryRecord(generator.next(clock), clock.plusMillis(3), true);
            records.add(new BatchRecord(PARTITION, offset, record.tick().symbol(), record));
            if (records.size() == batchSize || offset == rows - 1) {
                batches.add(Batch.of(records));
                records = new ArrayList<>(batchSize);
            }
        }
        return batches;
    }

    /** One database, written by the sink's writer through a single connection, so one backend does all the work. */
    private static final class Side implements AutoCloseable {
        private final String name;
        private final BenchDatabase database;
        private final HikariDataSource pool;
        private final BatchWriter writer;
        private final MasterVacuum vacuum;
        private final long backendPid;
        private long rows;
        private long nanos;
        private double backendCpuSeconds;

        /** @param vacuumAfter the sink's {@code SINK_MASTER_VACUUM_AFTER}; 0 for none */
        Side(String name, BenchDatabase database, int vacuumAfter) throws SQLException {
            this.name = name;
            this.database = database;
            this.vacuum = new MasterVacuum(database.config(), vacuumAfter);
            pool = database.singleConnectionPool();
            writer = BatchWriter.withDefaults(pool, "bench-master");
            backendPid = single("SELECT pg_backend_pid()");
        }

        void write(List<Batch> batches) throws SQLException {
            double cpuBefore = ProcStat.cpuSeconds(backendPid);
            long start = System.nanoTime();
            for (Batch batch : batches) {
                WriteResult result = writer.write(batch);
                vacuum.updated(result.mastersChanged());
                rows += result.historyRows();
            }
            nanos += System.nanoTime() - start;
            backendCpuSeconds += ProcStat.cpuSeconds(backendPid) - cpuBefore;
        }

        Map<String, Object> figures() throws SQLException {
            // The writer's backend sends its table counters once it is idle after this statement (PostgreSQL 15+).
            single("SELECT 1 FROM pg_stat_force_next_flush()");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rows_per_s", rows / (nanos / 1e9));
            // The writer's backend only: a vacuum runs in a session of its own.
            figures.put("postgresql_cpu_us_per_tick", backendCpuSeconds * 1e6 / rows);
            figures.put("vacuums", vacuum.runs());
            try (Connection connection = database.connect();
                 Statement statement = connection.createStatement();
                 ResultSet stats = statement.executeQuery(TABLE_STATS)) {
                stats.next();
                long updates = stats.getLong("n_tup_upd");
                figures.put("master_updates", updates);
                figures.put("hot_updates", stats.getLong("n_tup_hot_upd"));
                figures.put("hot_share", updates == 0 ? 0.0 : (double) stats.getLong("n_tup_hot_upd") / updates);
                figures.put("dead_row_versions", stats.getLong("n_dead_tup"));
                figures.put("heap_kib", stats.getLong("heap_bytes") / 1024);
                figures.put("index_kib", stats.getLong("index_bytes") / 1024);
            }
            return figures;
        }

        private long single(String sql) throws SQLException {
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                vacuum.close();
                pool.close();
            } finally {
                database.close();
            }
        }
    }
}
