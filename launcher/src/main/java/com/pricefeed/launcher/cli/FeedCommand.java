package com.pricefeed.launcher.cli;

import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.SyntheticFeed;
import com.pricefeed.platform.config.Env;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"Publishes synthetic ticks to price-ticks until stopped.",
                "Environment: KAFKA_BOOTSTRAP_SERVERS (127.0.0.1:9092), TOPIC_PRICE_TICKS (price-ticks),",
                "FEED_RATE ticks/s (50), FEED_SYMBOLS (40), FEED_PROVIDERS (polygon,iex)."})
final class FeedCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        SyntheticFeed feed = new SyntheticFeed(FeedConfig.from(Env.system()), Clock.systemUTC(), new SplittableRandom()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            feed.close();
            System.out.println("Published " + feed.published() + " ticks");
            stopped.countDown();
        }, "feed-shutdown"));
        stopped.await();
        return 0;
    }
}
