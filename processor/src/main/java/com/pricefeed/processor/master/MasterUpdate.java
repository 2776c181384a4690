package com.pricefeed.processor.master;

import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.state.SymbolStateSerde;
import com.pricefeed.processor.ticks.SymbolInput;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.Delisting;
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
 * The heart of the processor, per symbol (the input is keyed and partitioned by symbol): drops duplicates, keeps each
 * symbol's {@link SymbolState} (its master record and the delisting in force) in {@value #MASTER_STORE}, and turns
 * every other tick and every delisting that takes effect into a {@link TickOutcome}.
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
 *
 * <p>Delisting and relisting, so that the final state does not depend on the order of arrival:
 * <ul>
 *   <li>A delisting at T takes effect when T is not older than the master's {@code last_updated} (a delisting wins a
 *       tie with the last price) and newer than the delisting in force: the state records T, a tombstone goes to
 *       {@code realtime-symbols} and a {@link SymbolDelisting} to {@code price-history}. One equal to the delisting in
 *       force is a duplicate; an older one is late: both are counted and dropped.</li>
 *   <li>A tick newer than the delisting in force relists the symbol: it becomes the master (it is newer than the
 *       master, by the invariant of {@link SymbolState}) and is published as usual.</li>
 *   <li>A tick not newer than the delisting in force goes to history only, with the delisting's T. When it replaces
 *       the master by the Newest rule it becomes the delisted symbol's last price ({@code becameCurrent}), still not
 *       published: so the last price is the newest tick before the delisting, whatever the order.</li>
 * </ul>
 */
public final class MasterUpdate implements FixedKeyProcessorSupplier<byte[], SymbolInput, TickOutcome> {

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
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MASTER_STORE), Serdes.String(), SymbolStateSerde.instance())
                        .withCachingEnabled(),
                Stores.windowStoreBuilder(Stores.persistentWindowStore(DEDUP_STORE, dedupWindow, dedupWindow, false),
                        Serdes.String(), Serdes.Long())
                        .withLoggingEnabled(new DedupChangelog(dedupWindow).topicConfig()));
    }

    @Override
    public FixedKeyProcessor<byte[], SymbolInput, TickOutcome> get() {
        return new Update();
    }

    private final class Update implements FixedKeyProcessor<byte[], SymbolInput, TickOutcome> {

        private FixedKeyProcessorContext<byte[], TickOutcome> context;
        private KeyValueStore<String, SymbolState> states;
        private WindowStore<String, Long> seen;

        @Override
        public void init(FixedKeyProcessorContext<byte[], TickOutcome> context) {
            this.context = context;
            this.states = context.getStateStore(MASTER_STORE);
            this.seen = context.getStateStore(DEDUP_STORE);
        }

        @Override
        public void process(FixedKeyRecord<byte[], SymbolInput> record) {
            if (record.value() instanceof SymbolInput.Tick tick) {
                tick(record, tick.tick());
            } else {
                delist(record, ((SymbolInput.Delist) record.value()).delisting());
            }
        }

        private void tick(FixedKeyRecord<byte[], SymbolInput> record, PriceTick tick) {
            Instant now = clock.instant();
            SymbolState state = states.get(tick.symbol());
            MasterRecord current = state == null ? null : state.master();
            Instant delistedAt = state == null ? null : state.delistedAt();
            PriceTick currentTick = current == null ? null : current.asTick();
            boolean becameCurrent = Newest.replaces(tick, currentTick);
            TickIdentity identity = tick.identity();
            String key = identity.asKey();
            if (!becameCurrent && isDuplicate(identity, key, currentTick, now.toEpochMilli())) {
                counters.duplicate();
                return;
            }
            seen.put(key, now.toEpochMilli(), now.toEpochMilli());
            counters.accepted();
            boolean beforeDelisting = delistedAt != null && !tick.sourceTimestamp().isAfter(delistedAt);
            if (!becameCurrent) {
                counters.late();
                forward(record, new HistoryRecord(tick, now, false, beforeDelisting ? delistedAt : null), null);
                return;
            }
            MasterRecord newMaster = MasterRecord.of(tick, current);
            if (beforeDelisting) {
                states.put(tick.symbol(), new SymbolState(newMaster, delistedAt));
                forward(record, new HistoryRecord(tick, now, true, delistedAt), null);
                return;
            }
            if (delistedAt != null) {
                counters.relisted();
            }
            states.put(tick.symbol(), SymbolState.listed(newMaster));
            forward(record, new HistoryRecord(tick, now, true, null), new Published(newMaster));
        }

        private void delist(FixedKeyRecord<byte[], SymbolInput> record, Delisting delisting) {
            SymbolState state = states.get(delisting.symbol());
            Instant at = delisting.delistedAt();
            MasterRecord current = state == null ? null : state.master();
            Instant inForce = state == null ? null : state.delistedAt();
            if (at.equals(inForce)) {
                counters.duplicate();
                return;
            }
            if ((inForce != null && at.isBefore(inForce)) || (current != null && at.isBefore(current.lastUpdated()))) {
                counters.lifecycleLate();
                return;
            }
            states.put(delisting.symbol(), new SymbolState(current, at));
            counters.delisted();
            forward(record, new SymbolDelisting(delisting.symbol(), at, delisting.provider(), clock.instant()), Published.TOMBSTONE);
        }

        private void forward(FixedKeyRecord<byte[], SymbolInput> record, HistoryEvent history,
                             Published published) {
            context.forward(record.withValue(new TickOutcome(history, published)));
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
