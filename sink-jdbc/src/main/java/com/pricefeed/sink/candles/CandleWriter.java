package com.pricefeed.sink.candles;

import com.pricefeed.sink.history.HistoryRow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The batch step that keeps the one-minute bars in step with the history rows written in the same transaction. */
public interface CandleWriter {

    /** For a sink run with {@code SINK_CANDLES=false}: the bars are left alone. */
    CandleWriter NONE = (connection, rows) -> {
    };

    void write(Connection connection, List<HistoryRow> rows) throws SQLException;
}
