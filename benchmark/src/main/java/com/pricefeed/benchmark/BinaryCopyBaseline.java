package com.pricefeed.benchmark;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.sink.history.CopyHistoryWriter;
import com.pricefeed.sink.history.HistoryRow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The physical limit of the history write path: {@code COPY realtime_price_history FROM STDIN (FORMAT binary)} of
 * rows already in memory, with nothing else in the transaction. It is the sink's own COPY step alone (the same
 * encoder), so the ratio of the two says what everything around that step costs.
 */
final class BinaryCopyBaseline {

    private static final CopyHistoryWriter COPY = new CopyHistoryWriter();

    private BinaryCopyBaseline() {
    }

    /** Copies {@code records} with ids {@code firstId, firstId + 1, …}, in one COPY; returns the rows copied. */
    static long copy(Connection connection, List<HistoryRecord> records, long firstId, Map<String, Long> providerIds)
            throws SQLException {
        List<HistoryRow> rows = new ArrayList<>(records.size());
        long id = firstId;
        for (HistoryRecord record : records) {
            rows.add(new HistoryRow(id++, providerIds.get(record.tick().provider()), record));
        }
        COPY.insert(connection, rows);
        return rows.size();
    }
}
