package com.pricefeed.sink.history;

import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.PriceTick;

import java.util.Objects;

/**
 * One row of {@code realtime_price_history} about to be written.
 *
 * @param id         allocated from {@code realtime_price_history_id_seq} before the write
 * @param providerId the id of the tick's provider in {@code market_data_providers}
 * @param record     the history record
 */
public record HistoryRow(long id, long providerId, HistoryRecord record) {

    public HistoryRow {
        Objects.requireNonNull(record, "record");
    }

    public PriceTick tick() {
        return record.tick();
    }
}
