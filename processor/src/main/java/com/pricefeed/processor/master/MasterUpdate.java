package com.pricefeed.processor.master;

import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.state.MasterRecordSerde;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.Newest;
import com.pricefeed.schemas.tick.PriceTick;
import com.pricefeed.schemas.tick.TickIdentity;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The heart of the processor, per symbol (the input is keyed and partitioned by symbol): drops duplicates, keeps the
 * master record in {@value #MASTER_STORE}, and turns every other tick into a {@link TickOutcome}.
 *
 * <p>Duplicates: a tick is dropped when its {@link com.pricefeed.schemas.tick.TickIdentity} equals that of the
 * current master, or of a tick accepted within the duplicate window before it. The identities live in the window
 * store {@value #DEDUP_STORE}, each placed at the wall-clock time it was accepted; the store's own retention drops
 * whole segments once they are older than the window, so its size is bounded by rate × window and no scan is needed;
 * its changelog is kept about as long ({@link DedupChangelog}).
 * Wall-clock rather than event time, so that a symbol whose provider runs hours behind the others still has its
 * duplicates found.
 *
 * <p>Newest wins: the tick replaces the master when {@link Newest#replaces} says so; the new master keeps company name
 * and market cap from the old one when the tick has none ({@link MasterRecord#of}).
 */
public final class MasterUpdate implements FixedKeyProcessorSupplier<byte[], PriceTick, TickOutcome> {

    public static final String MASTER_STORE = "master-store";
    public static final String DEDUP_STORE = "dedup-store";

    private final Duration dedupWindow;
    private final Clock clock;
    private final TickCounters counters;

    public MasterUpdate(Duration dedupWindow, Clock clock, TickCounters counters) {
        this.dedupWindow = Objects.requireNonNull(dedupWindow, "dedupWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MASTER_STORE), Serdes.String(), MasterRecordSerde.instance())
                        .withCachingEnabled(),
                Stores.windowStoreBuilder(Stores.persistentWindowStore(DEDUP_STORE, dedupWindow, dedupWindow, false),
                        Serdes.String(), Serdes.Long())
                        .withLoggingEnabled(new DedupChangelog(dedupWindow).topicConfig()));
    }

    @Override
    public FixedKeyProcessor<byte[], PriceTick, TickOutcome> get() {
        return new Update();
    }

    private final class Update implements FixedKeyProcessor<byte[], PriceTick, TickOutcome> {

        private FixedKeyProcessorContext<byte[], TickOutcome> context;
        private KeyValueStore<String, MasterRecord> masters;
        private WindowStore<String, Long> seen;

        @Override
        public void init(FixedKeyProcessorContext<byte[], TickOutcome> context) {
            this.context = context;
            this.masters = context.getStateStore(MASTER_STORE);
            this.seen = context.getStateStore(DEDUP_STORE);
        }

        @Override
        public void process(FixedKeyRecord<byte[], PriceTick> record) {
            PriceTick tick = record.value();
            Instant now = clock.instant();
            MasterRecord current = masters.get(tick.symbol());
            PriceTick currentTick = current == null ? null : current.asTick();
            boolean becameCurrent = Newest.replaces(tick, currentTick);
            TickIdentity identity = tick.identity();
            String key = identity.asKey();
            if (!becameCurrent && isDuplicate(identity, key, currentTick, now.toEpochMilli())) {
                counters.duplicate();
                return;
            }
            seen.put(key, now.toEpochMilli(), now.toEpochMilli());
            MasterRecord newMaster = null;
            if (becameCurrent) {
                newMaster = MasterRecord.of(tick, current);
                masters.put(tick.symbol(), newMaster);
            } else {
                counters.late();
            }
            counters.accepted();
            context.forward(record.withValue(new TickOutcome(new HistoryRecord(tick, now, becameCurrent), newMaster)));
        }

        /**
         * Only for a tick that does not replace the master: one that does is greater than every accepted tick in
         * {@link Newest#ORDER}, which tells identities apart, so it cannot be a duplicate and needs no lookup.
         */
        private boolean isDuplicate(TickIdentity identity, String key, PriceTick currentTick, long nowMillis) {
            if (currentTick.identity().equals(identity)) {
                return true;
            }
            long window = dedupWindow.toMillis();
            try (WindowStoreIterator<Long> hits = seen.fetch(key, Math.max(0, nowMillis - window), nowMillis + window)) {
                return hits.hasNext();
            }
        }
    }
}
