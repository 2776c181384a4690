package com.pricefeed.processor;

import com.pricefeed.processor.dlq.RefusedDeadLetters;
import com.pricefeed.processor.master.MasterUpdate;
import com.pricefeed.processor.master.SymbolState;
import com.pricefeed.processor.state.RocksDbMemory;
import com.pricefeed.processor.streams.StreamsProperties;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryRecord;
import com.pricefeed.schemas.master.MasterRecord;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.MutableClock;
import com.pricefeed.testing.TempDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/** The real topology in a {@link TopologyTestDriver}, with the production Streams properties and a test clock. */
final class TopologyHarness implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final MeterRegistry registry = new SimpleMeterRegistry();
    final TopologySettings settings;
    private final TempDirectory stateDir;
    private final RocksDbMemory rocksDbMemory = new RocksDbMemory(16L * 1024 * 1024);
    private final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> ticks;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    /** {@code price-history} read as tick records, for tests that send no lifecycle records (a delisting fails it). */
    final TestOutputTopic<String, HistoryRecord> history;
    /** {@code price-history} as it is: ticks and delistings. Shares its queue with {@link #history}. */
    final TestOutputTopic<String, HistoryEvent> historyEvents;
    final TestOutputTopic<String, MasterRecord> realtimeSymbols;

    TopologyHarness() {
        this(TopologySettings.defaults());
    }

    TopologyHarness(TopologySettings settings) {
        this.settings = settings;
        try {
            stateDir = TempDirectory.create(Path.of("target", "state"), "topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessorConfig config = ProcessorConfig.defaults("127.0.0.1:9")
                .withStateDir(stateDir.path());
        RefusedDeadLetters refused = new RefusedDeadLetters(settings.topics().deadLetters());
        driver = new TopologyTestDriver(PriceTopology.build(settings, clock, registry, refused),
                StreamsProperties.from(config, refused, rocksDbMemory), NOW);
        TopicNames names = settings.topics();
        Topic<byte[], byte[]> in = Topics.priceTicks(names.priceTicks());
        Topic<byte[], byte[]> dlq = Topics.priceTicksDlq(names.deadLetters());
        Topic<String, HistoryEvent> hist = Topics.priceHistory(names.priceHistory());
        Topic<String, MasterRecord> masters = Topics.realtimeSymbols(names.realtimeSymbols());
        ticks = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
        deadLetters = driver.createOutputTopic(dlq.name(), dlq.keySerde().deserializer(), dlq.valueSerde().deserializer());
        historyEvents = driver.createOutputTopic(hist.name(), hist.keySerde().deserializer(), hist.valueSerde().deserializer());
        history = driver.createOutputTopic(hist.name(), hist.keySerde().deserializer(),
                (topic, bytes) -> (HistoryRecord) hist.valueSerde().deserializer().deserialize(topic, bytes));
        realtimeSymbols = driver.createOutputTopic(masters.name(), masters.keySerde().deserializer(), masters.valueSerde().deserializer());
    }

    void send(byte[] value) {
        send(null, value);
    }

    void send(byte[] key, byte[] value) {
        send(key, value, new RecordHeaders());
    }

    void send(byte[] key, byte[] value, Headers headers) {
        ticks.pipeInput(new TestRecord<>(key, value, headers, clock.instant()));
    }

    /** The symbol's state in the master store, or null. */
    SymbolState state(String symbol) {
        KeyValueStore<String, SymbolState> store = driver.getKeyValueStore(MasterUpdate.MASTER_STORE);
        return store.get(symbol);
    }

    /** The symbol's master (its last price, listed or delisted), or null. */
    MasterRecord master(String symbol) {
        SymbolState state = state(symbol);
        return state == null ? null : state.master();
    }

    double count(String counter) {
        return registry.get(counter).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        driver.close();
        rocksDbMemory.close();
        stateDir.close();
    }
}
