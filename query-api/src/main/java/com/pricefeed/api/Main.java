package com.pricefeed.api;

import com.pricefeed.platform.config.ServiceConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the query API on its own: environment, then configuration, then the API until the JVM is asked to stop. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ApiConfig config = ServiceConfiguration.readOrExit(ApiSettings.ALL, ApiConfig::from);
        log.info("Starting query API with {}", config);
        QueryApi api = new QueryApi(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "query-api-shutdown"));
        api.start();
    }
}
