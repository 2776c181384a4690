package com.pricefeed.sink.consume;

import com.pricefeed.sink.health.SinkHealth;
import com.pricefeed.sink.metrics.SinkMetrics;
import com.pricefeed.sink.offsets.PartitionPositions;
import com.pricefeed.sink.write.Errors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Pause and retry: while the database fails, the sink waits with exponential backoff, reports itself not ready,
 * and stays in its consumer group; once a write succeeds, it resumes.
 *
 * <p>The batch is kept and retried as it is: the rolled-back transaction left the stored positions where they
 * were, so the same records are exactly what the database still lacks. Meanwhile every assigned partition is
 * paused and the consumer keeps polling (a paused poll returns nothing and waits out its timeout), so the group
 * does not evict this instance after max.poll.interval.ms and hand its partitions to someone else for an outage
 * that hits every instance alike. Rewinding instead (seeking to the stored positions) would need the very
 * database that is down and would re-fetch what is already in memory.
 */
public final class RetryPause {

    private static final Logger log = LoggerFactory.getLogger(RetryPause.class);

    private final Consumer<?, ?> consumer;
    private final PartitionPositions positions;
    private final Backoff backoff;
    private final SinkMetrics metrics;
    private final SinkHealth health;

    public RetryPause(Consumer<?, ?> consumer, PartitionPositions positions, Backoff backoff, SinkMetrics metrics, SinkHealth health) {
        this.consumer = consumer;
        this.positions = positions;
        this.backoff = backoff;
        this.metrics = metrics;
        this.health = health;
    }

    /** Waits out the next backoff with every partition paused, reporting {@code cause} as why the sink is not ready. */
    void waitBeforeRetry(Exception cause, int pendingBatches) {
        Duration wait = backoff.next();
        metrics.retried();
        String problem = Errors.rootMessage(cause);
        if (!health.databaseFailing()) {
            log.warn("Database unavailable, retrying {} pending batch(es) with backoff up to the configured maximum", pendingBatches, cause);
        } else {
            log.warn("Database still unavailable, retrying in {} ms: {}", wait.toMillis(), problem);
        }
        health.failing(problem);
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            rewind(consumer.poll(Duration.ofNanos(left)));
        }
        resumePositioned();
    }

    /** The database did its part: no longer failing, the backoff starts afresh, paused partitions resume. */
    void succeeded() {
        if (health.recovered()) {
            log.info("Database writes succeed again");
        }
        backoff.reset();
        if (!consumer.paused().isEmpty()) {
            resumePositioned();
        }
    }

    /** Puts back records a paused poll returned anyway, so none is skipped. */
    private void rewind(ConsumerRecords<?, ?> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void resumePositioned() {
        consumer.resume(consumer.assignment().stream().filter(positions::isPositioned).toList());
    }
}
