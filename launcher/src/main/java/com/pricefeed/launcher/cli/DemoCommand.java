package com.pricefeed.launcher.cli;

import com.pricefeed.launcher.demo.DemoConfig;
import com.pricefeed.launcher.demo.LocalStack;
import com.pricefeed.platform.config.Env;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", header = "The whole system in one process: Kafka broker, processor, sink, API, synthetic feed.",
        description = {
                "Runs the whole system in this process: a Kafka broker (KRaft) on 127.0.0.1 (DEMO_KAFKA_PORT), the",
                "processor, the sink, the API (HTTP_PORT) and a synthetic feed, against the PostgreSQL at DATABASE_URL",
                "(created when missing). Ctrl-C stops everything cleanly.",
                "",
                "It reads the variables below and every variable of the processor, sink and API (see their --help and",
                "docs/configuration.md)."},
        mixinStandardHelpOptions = true, usageHelpWidth = 120, modelTransformer = SettingsHelp.class)
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        Instant begin = Instant.now();
        Env env = Env.system();
        LocalStack stack = LocalStack.start(DemoConfig.from(env), System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping…");
            stack.close();
            stopped.countDown();
        }, "demo-shutdown"));
        long startupMillis = Duration.between(begin, Instant.now()).toMillis();
        int port = stack.apiPort();
        System.out.printf("""

                Price processor demo is up in %.1f s.
                  Dashboard  http://127.0.0.1:%d/
                  API        http://127.0.0.1:%d/api/v1/market-data/prices/AAPL
                  Bulk       http://127.0.0.1:%d/api/v1/market-data/prices?symbols=AAPL,MSFT,NVDA
                  OpenAPI    http://127.0.0.1:%d/openapi.json
                  Metrics    http://127.0.0.1:%d/metrics
                  Kafka      %s  (publish ticks to price-ticks)
                Press Ctrl-C to stop.
                %n""", startupMillis / 1000.0, port, port, port, port, port, stack.bootstrapServers());
        stopped.await();
        return 0;
    }
}
