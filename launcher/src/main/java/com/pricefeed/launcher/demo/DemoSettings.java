package com.pricefeed.launcher.demo;

import com.pricefeed.launcher.feed.FeedSettings;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.Settings;

import static com.pricefeed.platform.config.Settings.group;

/** The all-in-one demo's own settings, declared once: {@link DemoConfig} reads them, the docs and --help show them. */
public final class DemoSettings {

    public static final Setting<Integer> KAFKA_PORT = Setting.integer("DEMO_KAFKA_PORT", 9092, 0, 65_535,
            "the embedded broker's port on 127.0.0.1");
    public static final Setting<String> DATA_DIR = Setting.string("DEMO_DATA_DIR", "data",
            "where the demo's broker and processor keep their data between runs (`rm -rf data` starts afresh)");
    public static final Setting<Boolean> FEED = Setting.bool("DEMO_FEED", true, "whether the demo runs the synthetic feed");
    /** Read by run-demo.sh only. */
    public static final Setting<String> JAVA_OPTS = Setting.string("JAVA_OPTS", "", "extra JVM options for `run-demo.sh`");

    public static final Settings.Group OWN = group("Demo", KAFKA_PORT, DATA_DIR, FEED);

    /** The demo's settings and the feed's: the table "Demo and feed" of docs/configuration.md. */
    public static final Settings ALL = Settings.of(OWN, FeedSettings.OWN, group("run-demo.sh", JAVA_OPTS));

    private DemoSettings() {
    }
}
