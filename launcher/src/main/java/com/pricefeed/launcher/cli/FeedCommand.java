package com.pricefeed.launcher.cli;

import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.FeedSettings;
import com.pricefeed.launcher.feed.SyntheticFeed;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.SharedSettings;
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
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120, modelTransformer = SettingsHelp.class,
        description = {"Publishes synthetic ticks to price-ticks until stopped (Ctrl-C): a random walk per symbol,",
                "quoted by the given providers in turn, keyed by symbol, stamped with the current time.",
                "Each option falls back to its environment variable, then to its default."})
final class FeedCommand implements Callable<Integer> {

    @Mixin
    private KafkaOptions kafka;

    @Option(names = {"-r", "--rate"}, paramLabel = "TICKS_PER_SECOND", descriptionKey = "FEED_RATE",
            description = "Ticks per second over all symbols.")
    private Integer rate;

    @Option(names = {"-s", "--symbols"}, paramLabel = "N", descriptionKey = "FEED_SYMBOLS",
            description = "How many symbols of the built-in catalog to quote.")
    private Integer symbols;

    @Option(names = {"-p", "--providers"}, paramLabel = "CODE[,CODE...]", descriptionKey = "FEED_PROVIDERS",
            description = "The provider codes the ticks come from, in turn.")
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
        kafka.putGiven(variables, SharedSettings.TOPIC_PRICE_TICKS);
        putIfGiven(variables, FeedSettings.RATE, rate);
        putIfGiven(variables, FeedSettings.SYMBOLS, symbols);
        putIfGiven(variables, FeedSettings.PROVIDERS, providers);
        return new Env(variables);
    }

    private static void putIfGiven(Map<String, String> variables, Setting<?> setting, Object value) {
        if (value != null) {
            variables.put(setting.name(), value.toString());
        }
    }
}
