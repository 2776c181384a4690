package com.pricefeed.launcher.cli;

import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.SyntheticFeed;
import com.pricefeed.platform.config.Env;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "feed", header = "Publishes synthetic ticks at a given rate over given symbols.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Publishes synthetic ticks to price-ticks until stopped (Ctrl-C): a random walk per symbol,",
                "quoted by the given providers in turn, keyed by symbol, stamped with the current time.",
                "Each option falls back to its environment variable, then to its default."})
final class FeedCommand implements Callable<Integer> {

    @Mixin
    private KafkaOptions kafka = new KafkaOptions();

    @Option(names = {"-t", "--topic"}, paramLabel = "NAME",
            description = "The topic to publish to. Env: TOPIC_PRICE_TICKS. Default: price-ticks.")
    private String topic;

    @Option(names = {"-r", "--rate"}, paramLabel = "TICKS_PER_SECOND",
            description = "Ticks per second over all symbols (1 to 1000000). Env: FEED_RATE. Default: 50.")
    private Integer rate;

    @Option(names = {"-s", "--symbols"}, paramLabel = "N",
            description = "How many symbols of the built-in catalog of 40 to quote. Env: FEED_SYMBOLS. Default: 40.")
    private Integer symbols;

    @Option(names = {"-p", "--providers"}, paramLabel = "CODE[,CODE...]",
            description = "The provider codes the ticks come from, in turn. Env: FEED_PROVIDERS. Default: polygon,iex.")
    private String providers;

    @Override
    public Integer call() throws InterruptedException {
        SyntheticFeed feed = new SyntheticFeed(FeedConfig.from(environment()), Clock.systemUTC(), new SplittableRandom()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            feed.close();
            System.out.println("Published " + feed.published() + " ticks");
            stopped.countDown();
        }, "feed-shutdown"));
        stopped.await();
        return 0;
    }

    /** The process environment with the options given on the command line put over it. */
    private Env environment() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        kafka.putOver(variables);
        putIfGiven(variables, "TOPIC_PRICE_TICKS", topic);
        putIfGiven(variables, "FEED_RATE", rate);
        putIfGiven(variables, "FEED_SYMBOLS", symbols);
        putIfGiven(variables, "FEED_PROVIDERS", providers);
        return new Env(variables);
    }

    private static void putIfGiven(Map<String, String> variables, String name, Object value) {
        if (value != null) {
            variables.put(name, value.toString());
        }
    }
}
