package com.pricefeed.sink.partitions;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.tick.RejectReason;
import com.pricefeed.sink.batch.BatchRecord;
import com.pricefeed.sink.poison.RejectedRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sets aside the ticks older than the retention horizon: their partition is dropped or about to be, so they are
 * stored in {@code sink_rejected_records} with the processor's reason code for them (in the batch's own transaction, by the
 * writer) and counted, instead of being written. The processor dead-letters most of them before; these are the ones
 * that crossed the horizon on their way.
 */
public final class ExpiredTicks {

    public static final String REASON = RejectReason.TIMESTAMP_BEYOND_RETENTION.name();

    private final HistoryPartitioning settings;
    private final Clock clock;
    private final Function<HistoryEvent, byte[]> serializer;
    private final Counter expired;

    public ExpiredTicks(HistoryPartitioning settings, Clock clock, Function<HistoryEvent, byte[]> serializer,
                        MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.serializer = serializer;
        this.expired = Counter.builder("prices.sink.history.expired")
                .description("Ticks set aside because their source timestamp is older than the retention horizon")
                .register(registry);
    }

    /**
     * The records of {@code records} to write; ticks past the horizon go to {@code rejected}. A delisting is always
     * kept: it writes no history row, only marks a master row, which retention does not drop.
     */
    public List<BatchRecord> keep(List<BatchRecord> records, List<RejectedRecord> rejected) {
        Optional<Instant> horizon = settings.horizon(clock.instant());
        if (horizon.isEmpty()) {
            return records;
        }
        List<BatchRecord> kept = new ArrayList<>(records.size());
        for (BatchRecord record : records) {
            if (!(record.value() instanceof HistoryRecord history)) {
                kept.add(record);
                continue;
            }
            Instant at = history.tick().sourceTimestamp();
            if (at.isBefore(horizon.get())) {
                rejected.add(new RejectedRecord(record.partition(), record.offset(), record.key(), serializer.apply(record.value()),
                        REASON + ": source_timestamp " + at + " is before the retention horizon " + horizon.get()));
            } else {
                kept.add(record);
            }
        }
        return kept;
    }

    /** Counts records set aside, once their transaction committed. */
    public void committed(int count) {
        expired.increment(count);
    }
}
