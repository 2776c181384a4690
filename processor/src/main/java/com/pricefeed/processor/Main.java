package com.pricefeed.processor;

import com.pricefeed.platform.config.ConfigException;
import com.pricefeed.platform.config.Env;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import com.pricefeed.platform.kafka.KafkaAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the processor service on its own: environment → {@link ProcessorConfig} → {@link PriceProcessor}. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ProcessorConfig config;
        try {
            config = ProcessorConfig.from(Env.system());
        } catch (ConfigException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Configuration: {}", config);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        PriceProcessor processor = new PriceProcessor(config, registry);
        Runtime.getRuntime().addShutdownHook(new Thread(processor::close, "processor-shutdown"));
        exitZeroOnSigterm();
        try {
            processor.start();
        } catch (RuntimeException e) {
            KafkaAccess.refusal(e).ifPresentOrElse(refusal -> log.error("The processor could not start: {}", refusal),
                    () -> log.error("The processor could not start: {}", e.getMessage(), e));
            System.exit(1);
        }
        if (processor.stopped().join() == KafkaStreams.State.ERROR) {
            processor.close();
            System.exit(1);
        }
    }

    /*
     * The JVM's own answer to SIGTERM is to run the shutdown hooks (which close Kafka Streams: the open transaction
     * commits, the group is left) and exit with status 143. A stop that was asked for and done cleanly is a success
     * for a supervisor, so exit with 0 instead; System.exit runs the same hooks.
     */
    private static void exitZeroOnSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    }
}
