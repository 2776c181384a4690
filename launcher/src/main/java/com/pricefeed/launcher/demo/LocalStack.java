package com.pricefeed.launcher.demo;

import com.pricefeed.api.ApiConfig;
import com.pricefeed.api.QueryApi;
import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;
import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.SyntheticFeed;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaClientProperties;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.processor.PriceProcessor;
import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.sink.PriceSink;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import com.pricefeed.sink.SinkConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The whole system in one process: a real Kafka broker (KRaft) in the JVM, the processor, the sink, the API and,
 * optionally, the synthetic feed. Each part is the same component its own service runs; only the wiring is shared.
 *
 * <p>Closing takes at most {@link #STOP_BUDGET}, whatever state the parts are in: the feed stops first, then the API,
 * the sink and the processor together (each one's clients only need the broker and PostgreSQL), then the broker. A part
 * still stopping when its time is up is left to the JVM's exit; each recovers from that as from a crash (Kafka recovers
 * its log, the processor restores its state from the changelogs, the sink rolls its open transaction back).
 */
public final class LocalStack implements AutoCloseable {

    /** The longest a stop takes, so that the process is gone within 10 s of SIGTERM. */
    public static final Duration STOP_BUDGET = Duration.ofSeconds(8);
    private static final Duration FEED_STOP = Duration.ofSeconds(1);
    /** Kept for the broker at the end of the budget; it stops in about a second. */
    private static final Duration BROKER_STOP = Duration.ofSeconds(3);
    /** Kafka Streams' close must return before its phase ends, so that the processor's ops server closes too. */
    private static final Duration PROCESSOR_MARGIN = Duration.ofMillis(500);

    private EmbeddedKafkaBroker broker;
    private PriceProcessor processor;
    private PriceSink sink;
    private QueryApi api;
    private SyntheticFeed feed;

    private LocalStack() {
    }

    /** Starts everything; on a failure part-way, stops what had started and rethrows. */
    public static LocalStack start(DemoConfig demo, Map<String, String> environment) {
        LocalStack stack = new LocalStack();
        try {
            stack.boot(demo, environment);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(DemoConfig demo, Map<String, String> environment) {
        boolean newDemo = !Files.exists(demo.kafkaDir());
        broker = EmbeddedKafkaBroker.start(demo.kafkaDir(), demo.kafkaPort());
        Map<String, String> variables = withDemoDefaults(environment, demo, newDemo, broker.bootstrapServers());
        Env env = new Env(variables);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        processor = new PriceProcessor(ProcessorConfig.from(env), registry);
        processor.start();
        sink = com.pricefeed.sink.Main.wire(SinkConfig.from(env), registry);
        sink.start();
        api = new QueryApi(ApiConfig.from(env), registry);
        api.start();
        if (demo.feedEnabled()) {
            variables.put(SharedSettings.PRICE_TICKS_PARTITIONER.name(), processor.partitioner().code());
            feed = new SyntheticFeed(FeedConfig.from(new Env(variables)), Clock.systemUTC(), new SplittableRandom());
            feed.start();
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public int apiPort() {
        return api.port();
    }

    /** Stops everything within {@link #STOP_BUDGET}. */
    @Override
    public void close() {
        BoundedShutdown shutdown = new BoundedShutdown(STOP_BUDGET);
        shutdown.stopTogether(STOP_BUDGET.minus(FEED_STOP), parts("feed", feed));
        Map<String, AutoCloseable> services = parts("query API", api);
        services.putAll(parts("sink", sink));
        services.putAll(parts("processor", processor == null ? null
                : () -> processor.close(shutdown.remaining(BROKER_STOP.plus(PROCESSOR_MARGIN)))));
        shutdown.stopTogether(BROKER_STOP, services);
        shutdown.stopTogether(Duration.ZERO, parts("broker", broker));
    }

    private static Map<String, AutoCloseable> parts(String name, AutoCloseable part) {
        Map<String, AutoCloseable> parts = new LinkedHashMap<>();
        if (part != null) {
            parts.put(name, part);
        }
        return parts;
    }

    private static Map<String, String> withDemoDefaults(Map<String, String> environment, DemoConfig demo, boolean newDemo,
                                                        String bootstrapServers) {
        Map<String, String> merged = new HashMap<>();
        merged.put("PROCESSOR_STATE_DIR", demo.streamsStateDir().toAbsolutePath().toString());
        if (newDemo) {
            // A new demo follows kcat, with which the README publishes; an existing one keeps what it was created with.
            merged.put(SharedSettings.PRICE_TICKS_PARTITIONER.name(), SymbolPartitioner.CRC32.code());
        }
        merged.putAll(environment);
        // The embedded broker is plaintext on loopback: client properties meant for another cluster do not apply.
        merged.keySet().removeIf(name -> name.startsWith(KafkaClientProperties.PREFIX) && !name.equals("KAFKA_LOG_LEVEL"));
        merged.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return merged;
    }
}
