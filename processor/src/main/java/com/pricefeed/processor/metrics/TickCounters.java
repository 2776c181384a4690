package com.pricefeed.processor.metrics;

import com.pricefeed.schemas.tick.RejectReason;
import com.pricefeed.schemas.topic.DeadLetterTruncation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * The processor's accounting of ticks and lifecycle records. For any input,
 * {@code received = accepted + duplicates + rejected + delisted + lifecycle late} (rejected summed over reasons) once
 * every record is processed: a delisting is delisted (it took effect), a duplicate (of the delisting in force) or
 * late (older than the symbol's last price or than the delisting in force); {@code relisted} counts accepted ticks
 * that relisted a symbol. Prometheus names get a {@code _total} suffix, e.g.
 * {@code prices_ticks_rejected_total{reason="NOT_JSON"}}; {@code prices_dead_letters_truncated_total{cause="TOO_LARGE"}}
 * counts the rejected records whose dead letter could not be the whole record. Thread-safe; one instance is shared by all stream threads.
 *
 * <p>Counters are not part of the Kafka transaction: when a transaction aborts (a crash or rebalance mid-commit), its
 * records are processed and counted again. The topics are exact; the counters may run slightly ahead after failures.
 */
public final class TickCounters {

    public static final String RECEIVED = "prices.ticks.received";
    public static final String ACCEPTED = "prices.ticks.accepted";
    public static final String DUPLICATES = "prices.ticks.duplicates";
    public static final String ROUNDED = "prices.ticks.rounded";
    public static final String REJECTED = "prices.ticks.rejected";
    public static final String LATE = "prices.ticks.late";
    public static final String DELISTED = "prices.symbols.delisted";
    public static final String RELISTED = "prices.symbols.relisted";
    public static final String LIFECYCLE_LATE = "prices.lifecycle.late";
    public static final String REPARTITIONED = "prices.ticks.repartitioned";
    public static final String REASON_TAG = "reason";
    public static final String TRUNCATED = "prices.dead.letters.truncated";
    public static final String CAUSE_TAG = "cause";

    private final Counter received;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rounded;
    private final Counter late;
    private final Counter delisted;
    private final Counter relisted;
    private final Counter lifecycleLate;
    private final Counter repartitioned;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<DeadLetterTruncation, Counter> truncated = new EnumMap<>(DeadLetterTruncation.class);

    public TickCounters(MeterRegistry registry) {
        received = Counter.builder(RECEIVED).description("Records read from the price-ticks topic").register(registry);
        accepted = Counter.builder(ACCEPTED).description("Valid, non-duplicate ticks written to price-history").register(registry);
        duplicates = Counter.builder(DUPLICATES).description("Valid ticks dropped as duplicates of an accepted tick, and delistings equal to the one in force").register(registry);
        rounded = Counter.builder(ROUNDED).description("Valid ticks with a decimal rounded HALF_EVEN to its column's scale").register(registry);
        late = Counter.builder(LATE).description("Accepted ticks that did not become current because a newer tick is the master").register(registry);
        delisted = Counter.builder(DELISTED).description("Delistings that took effect: the symbol left realtime-symbols").register(registry);
        relisted = Counter.builder(RELISTED).description("Accepted ticks newer than the delisting in force, which listed the symbol again").register(registry);
        lifecycleLate = Counter.builder(LIFECYCLE_LATE)
                .description("Delistings dropped as older than the symbol's last price or than the delisting in force").register(registry);
        repartitioned = Counter.builder(REPARTITIONED).description("Valid ticks read from another partition than their "
                + "symbol's, sent on through ticks-by-symbol: publishers that do not key by the normalized symbol with "
                + "the partitioner of PRICE_TICKS_PARTITIONER").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).description("Records dead-lettered, by reason code")
                    .tag(REASON_TAG, reason.name()).register(registry));
        }
        for (DeadLetterTruncation cause : DeadLetterTruncation.values()) {
            truncated.put(cause, Counter.builder(TRUNCATED).description("Dead letters written truncated, by why they could not be whole")
                    .tag(CAUSE_TAG, cause.name()).register(registry));
        }
    }

    public void received() {
        received.increment();
    }

    public void accepted() {
        accepted.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void rounded() {
        rounded.increment();
    }

    public void late() {
        late.increment();
    }

    public void delisted() {
        delisted.increment();
    }

    public void relisted() {
        relisted.increment();
    }

    public void lifecycleLate() {
        lifecycleLate.increment();
    }

    public void repartitioned() {
        repartitioned.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    /** A rejected record (already counted by {@link #rejected}) whose dead letter is not the whole record. */
    public void truncated(DeadLetterTruncation cause) {
        truncated.get(cause).increment();
    }
}
