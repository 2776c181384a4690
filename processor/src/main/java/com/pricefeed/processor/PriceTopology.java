package com.pricefeed.processor;

import com.pricefeed.processor.dlq.DeadLetters;
import com.pricefeed.processor.dlq.RefusedDeadLetters;
import com.pricefeed.processor.master.MasterUpdate;
import com.pricefeed.processor.master.Published;
import com.pricefeed.processor.master.TickOutcome;
import com.pricefeed.processor.metrics.TickCounters;
import com.pricefeed.processor.routing.SymbolPartitions;
import com.pricefeed.processor.state.PublishedSerde;
import com.pricefeed.processor.state.SymbolInputSerde;
import com.pricefeed.processor.ticks.ParsedTick;
import com.pricefeed.processor.ticks.SymbolInput;
import com.pricefeed.processor.ticks.TickParsing;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.util.Map;

/**
 * The processor's whole Kafka Streams topology, built without any I/O.
 *
 * <pre>
 * price-ticks (bytes) ─► parse-ticks ─┬─ rejected ─► dead-letter ─► price-ticks-dlq (original key, value; dlq-* headers)
 *                                     └─ accepted ─► key-by-symbol ─┬─ symbol-in-place ───────────────────────────────┐
 *                                    (ticks and lifecycle records)  └─ symbol-elsewhere ─► ticks-by-symbol (repartition) ┤
 *                                                      ┌────────────────────────────────────────────────────────────────┘
 *                                                      └─► update-master [master-store, dedup-store]
 *                                                           ├─► history-record ─► price-history (ticks, delistings)
 *                                                           └─► publishes ─► published ─► latest-master [latest-master-store, cached]
 *                                                                  └─► latest-master-per-commit ─► realtime-value ─► realtime-symbols
 * </pre>
 *
 * A tick read from the partition its symbol's state lives in ({@link SymbolPartitions}: publishers that key by the
 * normalized symbol with the default partitioner) goes straight to {@code update-master}; only the others cross the
 * {@code ticks-by-symbol} topic. Every record keeps the timestamp it was read with, the processing time
 * ({@link com.pricefeed.processor.streams.StreamsProperties}): the tick's own time is in its value, and no broker
 * limit on record timestamps can refuse what the processor writes.
 *
 * <p>{@code realtime-symbols} is conflated per commit: a symbol whose master changed several times between two commits
 * gets one record, its newest master, in the same transaction as the history records of those ticks. A delisting is a
 * tombstone there (a null value, which compacted consumers drop) and is conflated the same way: the last of a
 * delisting and a relisting in one interval is what gets through.
 *
 * <p>Every node, store and internal topic is named, so the topology can evolve without orphaning state.
 */
public final class PriceTopology {

    public static final String SOURCE = "price-ticks-source";
    public static final String PARSE = "parse-ticks";
    public static final String REPARTITION = "ticks-by-symbol";
    public static final String UPDATE_MASTER = "update-master";
    /**
     * Holds each symbol's newest master until the next commit, so that {@code realtime-symbols} gets one record per
     * changed symbol per commit rather than one per tick (Kafka Streams' record cache). In memory and not logged: after
     * a restart it only has to conflate what comes next, and a commit has no RocksDB store more to flush.
     */
    public static final String LATEST_MASTER_STORE = "latest-master-store";

    private PriceTopology() {
    }

    /**
     * @param settings topic names, future skew and duplicate window
     * @param clock    "now" for the future-skew check, the duplicate window and {@code received_at}
     * @param registry where the tick counters ({@link TickCounters}) are registered
     * @param refused  the dead letters the broker refused, shared with the production exception handler
     */
    public static Topology build(TopologySettings settings, Clock clock, MeterRegistry registry, RefusedDeadLetters refused) {
        TopicNames names = settings.topics();
        Topic<byte[], byte[]> ticks = Topics.priceTicks(names.priceTicks());
        Topic<byte[], byte[]> deadLetters = Topics.priceTicksDlq(names.deadLetters());
        Topic<String, HistoryEvent> history = Topics.priceHistory(names.priceHistory());
        Topic<String, MasterRecord> realtimeSymbols = Topics.realtimeSymbols(names.realtimeSymbols());
        TickCounters counters = new TickCounters(registry);

        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<byte[], ParsedTick>> parsed = builder
                .stream(ticks.name(), Consumed.with(ticks.keySerde(), ticks.valueSerde()).withName(SOURCE))
                .processValues(new TickParsing(new TickParser(clock, settings.maxFutureSkew(), settings.historyRetention()),
                        new DeadLetters(settings.deadLetterMaxBytes(), refused), counters), Named.as(PARSE))
                .split(Named.as("parsed-"))
                .branch((key, value) -> value instanceof ParsedTick.Invalid, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        parsed.get("parsed-rejected")
                .map((key, value) -> {
                    ParsedTick.Invalid invalid = (ParsedTick.Invalid) value;
                    return KeyValue.pair(invalid.key(), invalid.value());
                }, Named.as("dead-letter"))
                .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()).withName("price-ticks-dlq-sink"));

        SymbolPartitions symbolPartitions = settings.symbolPartitions();
        Map<String, KStream<byte[], ParsedTick.Valid>> routed = parsed.get("parsed-accepted")
                .mapValues(value -> (ParsedTick.Valid) value, Named.as("accepted-input"))
                .split(Named.as("symbol-"))
                .branch((key, valid) -> symbolPartitions.inPlace(key, valid.input().symbol(), valid.sourcePartition()),
                        Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<byte[], SymbolInput> repartitioned = routed.get("symbol-elsewhere")
                .map((key, valid) -> {
                    counters.repartitioned();
                    return KeyValue.pair(SymbolPartitions.key(valid.input().symbol()), valid.input());
                }, Named.as("key-by-symbol"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), SymbolInputSerde.instance())
                        .withStreamPartitioner(symbolPartitions)
                        .withNumberOfPartitions(symbolPartitions.count())
                        .withName(REPARTITION));
        KStream<byte[], TickOutcome> outcomes = routed.get("symbol-in-place")
                .mapValues(ParsedTick.Valid::input, Named.as("in-place-tick"))
                .merge(repartitioned, Named.as("ticks-by-symbol-merged"))
                .processValues(new MasterUpdate(settings.dedupWindow(), clock, counters), Named.as(UPDATE_MASTER));

        outcomes.<HistoryEvent>mapValues(TickOutcome::history, Named.as("history-record"))
                .to(history.name(), Produced.with(Serdes.ByteArray(), history.valueSerde()).withName("price-history-sink"));
        outcomes.filter((symbol, outcome) -> outcome.publishes(), Named.as("publishes"))
                .mapValues(TickOutcome::published, Named.as("published"))
                .toTable(Named.as("latest-master"), Materialized.<byte[], Published>as(Stores.inMemoryKeyValueStore(LATEST_MASTER_STORE))
                        .withKeySerde(Serdes.ByteArray())
                        .withValueSerde(PublishedSerde.instance())
                        .withCachingEnabled()
                        .withLoggingDisabled())
                .toStream(Named.as("latest-master-per-commit"))
                .mapValues(Published::master, Named.as("realtime-value"))
                .to(realtimeSymbols.name(), Produced.with(Serdes.ByteArray(), realtimeSymbols.valueSerde())
                        .withName("realtime-symbols-sink"));
        return builder.build();
    }
}
