package com.pricefeed.sink.batch;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import org.apache.kafka.common.TopicPartition;

import java.util.Objects;

/**
 * One record of {@code price-history} with the coordinates it came from.
 *
 * @param partition where it was read
 * @param offset    its offset in that partition
 * @param key       the symbol, as keyed by the processor
 * @param value     the history event: an accepted tick ({@link HistoryRecord}) or a delisting ({@link SymbolDelisting});
 *                  {@code null} only for a tombstone, which the writer rejects as poison
 */
public record BatchRecord(TopicPartition partition, long offset, String key, HistoryEvent value) {

    public BatchRecord {
        Objects.requireNonNull(partition, "partition");
    }

    /** {@code topic-partition@offset}, for logs. */
    public String coordinates() {
        return partition + "@" + offset;
    }
}
