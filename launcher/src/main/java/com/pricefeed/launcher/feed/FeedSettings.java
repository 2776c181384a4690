package com.pricefeed.launcher.feed;

import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.Settings;
import com.pricefeed.platform.config.SharedSettings;

import static com.pricefeed.platform.config.Settings.group;

/** The synthetic feed's settings, declared once: {@link FeedConfig} reads them, the docs and --help show them. */
public final class FeedSettings {

    public static final Setting<Integer> RATE = Setting.integer("FEED_RATE", 50, 1, 1_000_000,
            "synthetic ticks per second");
    public static final Setting<Integer> SYMBOLS = Setting.integer("FEED_SYMBOLS", 40, 1, Instrument.CATALOG.size(),
            "how many symbols the feed quotes");
    public static final Setting<String> PROVIDERS = Setting.string("FEED_PROVIDERS", "polygon,iex",
            "the provider codes the feed's ticks come from");

    /** The feed's own settings, in the table "Demo and feed" of docs/configuration.md. */
    public static final Settings.Group OWN = group("Feed", RATE, SYMBOLS, PROVIDERS);

    /** Everything the feed reads. */
    public static final Settings ALL = Settings.of(SharedSettings.KAFKA,
            group("Topics", SharedSettings.TOPIC_PRICE_TICKS, SharedSettings.PRICE_TICKS_PARTITIONER), OWN);

    private FeedSettings() {
    }
}
