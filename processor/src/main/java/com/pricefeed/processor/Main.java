package com.pricefeed.processor;

import com.pricefeed.platform.lifecycle.Sigterm;
import com.pricefeed.platform.config.ServiceConfiguration;
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
        ProcessorConfig config = ServiceConfiguration.readOrExit(ProcessorSettings.ALL, ProcessorConfig::from);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        PriceProcessor processor = new PriceProcessor(config, registry);
        Sigterm.closeAndExitZero("processor-shutdown", processor::close);
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
}
