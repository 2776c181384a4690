package com.pricefeed.sink.consume;

import com.pricefeed.sink.health.SinkHealth;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.write.BatchWriter;
import com.pricefeed.sink.write.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The history id sequence has fallen behind rows already written (a restore, a reset by hand): every batch would
 * hit an id already taken. The sink is the only writer of the table, so advancing the sequence past its greatest
 * id is safe; it is logged, counted, and the sink reports itself not ready until the next batch is written.
 */
public final class SequenceRepair {

    private static final Logger log = LoggerFactory.getLogger(SequenceRepair.class);

    private final BatchWriter writer;
    private final SinkMetrics metrics;
    private final SinkHealth health;

    public SequenceRepair(BatchWriter writer, SinkMetrics metrics, SinkHealth health) {
        this.writer = writer;
        this.metrics = metrics;
        this.health = health;
    }

    void repair(Exception cause) throws SQLException {
        long advancedTo = writer.advanceHistoryIds();
        metrics.sequenceRepaired();
        String problem = "history id sequence was behind rows already written (" + Errors.rootMessage(cause)
                + "); advanced it to " + advancedTo;
        health.failing(problem);
        log.error("The {}; writing the batch again", problem);
    }
}
