package com.pricefeed.sink.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts history rows in the caller's transaction, all in one statement. One interface so the write path can
 * swap its bulk method (multi-row {@code unnest} insert, text {@code COPY}, binary {@code COPY}) without touching
 * the rest of the transaction.
 */
public interface HistoryWriter {

    /** Inserts every row; throws unless exactly {@code rows.size()} rows were written. */
    void insert(Connection connection, List<HistoryRow> rows) throws SQLException;
}
