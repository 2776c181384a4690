package com.pricefeed.sink;

import com.pricefeed.platform.config.Env;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the sink on its own: environment -> {@link SinkConfig} -> {@link PriceSink}, stopped cleanly on SIGTERM. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SinkConfig config = SinkConfig.from(Env.system());
        log.info("Starting price sink with {}", config);
        PriceSink sink = new PriceSink(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Runtime.getRuntime().addShutdownHook(new Thread(sink::close, "price-sink-shutdown"));
        exitZeroOnSigterm();
        sink.start();
        Throwable failure = sink.awaitTermination();
        if (failure != null) {
            sink.close();
            throw new IllegalStateException("The price sink stopped: " + failure.getMessage(), failure);
        }
    }

    /*
     * The JVM's own answer to SIGTERM is to run the shutdown hooks (which close the sink: the transaction in flight
     * commits or rolls back) and exit with status 143. A stop that was asked for and done cleanly is a success for
     * a supervisor, so exit with 0 instead; System.exit runs the same hooks.
     */
    private static void exitZeroOnSigterm() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    }
}
