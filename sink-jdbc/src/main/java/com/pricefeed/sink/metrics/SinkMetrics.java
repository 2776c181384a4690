package com.pricefeed.sink.metrics;

import com.pricefeed.sink.write.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The sink's meters, all named {@code prices.sink.*}. */
public final class SinkMetrics {

    private final Counter batches;
    private final Counter rows;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Counter retries;
    private final Counter poison;
    private final Counter sequenceRepairs;
    private final AtomicReference<Instant> newestCommittedSource = new AtomicReference<>();

    public SinkMetrics(MeterRegistry registry, Clock clock) {
        batches = Counter.builder("prices.sink.batches").description("Transactions committed").register(registry);
        rows = Counter.builder("prices.sink.rows").description("History rows committed").register(registry);
        batchSize = DistributionSummary.builder("prices.sink.batch.size").description("Records per committed transaction")
                .baseUnit("records").publishPercentiles(0.5, 0.99).register(registry);
        commitLatency = Timer.builder("prices.sink.commit.latency").description("Time to write and commit one batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        retries = Counter.builder("prices.sink.retries").description("Batch writes retried after a database failure").register(registry);
        poison = Counter.builder("prices.sink.poison").description("Records rejected by the database and set aside").register(registry);
        sequenceRepairs = Counter.builder("prices.sink.sequence.repairs")
                .description("History id sequence found behind rows already written, and advanced past them").register(registry);
        TimeGauge.builder("prices.sink.newest.source.age", newestCommittedSource, TimeUnit.MILLISECONDS, newest -> {
                    Instant instant = newest.get();
                    return instant == null ? Double.NaN : Duration.between(instant, clock.instant()).toMillis();
                })
                .description("Age of the newest source timestamp committed to PostgreSQL")
                .register(registry);
    }

    public void committed(int records, WriteResult result, Duration latency) {
        batches.increment();
        rows.increment(result.historyRows());
        batchSize.record(records);
        commitLatency.record(latency);
        if (result.newestSource() != null) {
            newestCommittedSource.accumulateAndGet(result.newestSource(),
                    (current, candidate) -> current == null || candidate.isAfter(current) ? candidate : current);
        }
    }

    public void retried() {
        retries.increment();
    }

    public void poisoned() {
        poison.increment();
    }

    public void sequenceRepaired() {
        sequenceRepairs.increment();
    }
}
