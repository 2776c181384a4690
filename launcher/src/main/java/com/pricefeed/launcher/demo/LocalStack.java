package com.pricefeed.launcher.demo;

import com.pricefeed.api.ApiConfig;
import com.pricefeed.api.QueryApi;
import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;
import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.SyntheticFeed;
import com.pricefeed.platform.config.Env;
import com.pricefeed.processor.PriceProcessor;
import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.sink.SinkConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The whole system in one process: a real Kafka broker (KRaft) in the JVM, the processor, the sink, the API and,
 * optionally, the synthetic feed. Each part is the same component its own service runs; only the wiring is shared.
 * Closing stops them in reverse order of start.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedKafkaBroker broker;
    private QueryApi api;

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
        broker = started(EmbeddedKafkaBroker.start(demo.kafkaDir(), demo.kafkaPort()));
        Env env = new Env(withDemoDefaults(environment, demo, broker.bootstrapServers()));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        started(new PriceProcessor(ProcessorConfig.from(env), registry)).start();
        started(com.pricefeed.sink.Main.wire(SinkConfig.from(env), registry)).start();
        api = started(new QueryApi(ApiConfig.from(env), registry));
        api.start();
        if (demo.feedEnabled()) {
            started(new SyntheticFeed(FeedConfig.from(env), Clock.systemUTC(), new SplittableRandom())).start();
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public int apiPort() {
        return api.port();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private <T extends AutoCloseable> T started(T component) {
        started.push(component);
        return component;
    }

    private static Map<String, String> withDemoDefaults(Map<String, String> environment, DemoConfig demo, String bootstrapServers) {
        Map<String, String> merged = new HashMap<>();
        merged.put("PROCESSOR_STATE_DIR", demo.streamsStateDir().toAbsolutePath().toString());
        merged.putAll(environment);
        merged.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return merged;
    }
}
