package com.pricefeed.launcher.cli;

import com.pricefeed.api.ApiSettings;
import com.pricefeed.launcher.demo.DemoSettings;
import com.pricefeed.launcher.feed.FeedSettings;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.Settings;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.processor.ProcessorSettings;
import com.pricefeed.sink.SinkSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.TreeMap;

import static com.pricefeed.platform.config.Settings.group;

/**
 * A command's {@code --help} rendered from setting declarations ({@code @Command(modelTransformer = ...)}): an
 * "Environment" section listing the command's settings with their defaults and allowed values, and, after each
 * option whose {@code descriptionKey} names a setting, the variable it falls back to and its default.
 */
public abstract class SettingsHelp implements CommandLine.IModelTransformer {

    /** The {@code descriptionKey} of an option that names the command's {@link #topic()}. */
    public static final String TOPIC_KEY = "topic";
    static final String SECTION_KEY = "environment";
    private static final int WIDTH = 120;

    private final Settings settings;
    private final Setting<String> topic;
    private final boolean listed;

    protected SettingsHelp(Settings settings, Setting<String> topic, boolean listed) {
        this.settings = settings;
        this.topic = topic;
        this.listed = listed;
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        spec.resourceBundle(optionDescriptions(spec));
        if (listed) {
            UsageMessageSpec usage = spec.usageMessage();
            usage.sectionMap().put(SECTION_KEY, help -> String.join(System.lineSeparator(), environmentLines())
                    + System.lineSeparator());
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION_KEY);
            usage.sectionKeys(keys);
        }
        return spec;
    }

    private List<String> environmentLines() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Environment [default; allowed values]:");
        lines.addAll(settings.helpLines(WIDTH));
        return lines;
    }

    private ListResourceBundle optionDescriptions(CommandSpec spec) {
        Map<String, String> descriptions = new TreeMap<>();
        for (OptionSpec option : spec.options()) {
            String key = option.descriptionKey();
            if (TOPIC_KEY.equals(key)) {
                descriptions.put(key, "The topic: " + Settings.plain(topic.documentation()) + "." + Settings.fallback(topic));
            } else if (!key.isEmpty()) {
                settings.find(key).ifPresent(setting ->
                        descriptions.put(key, String.join(" ", option.description()) + Settings.fallback(setting)));
            }
        }
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return descriptions.entrySet().stream().map(entry -> new Object[] {entry.getKey(), entry.getValue()})
                        .toArray(Object[][]::new);
            }
        };
    }

    static final class Processor extends SettingsHelp {
        Processor() {
            super(ProcessorSettings.ALL, SharedSettings.TOPIC_PRICE_TICKS, true);
        }
    }

    static final class Sink extends SettingsHelp {
        Sink() {
            super(SinkSettings.ALL, SharedSettings.TOPIC_PRICE_HISTORY, true);
        }
    }

    static final class Api extends SettingsHelp {
        Api() {
            super(ApiSettings.ALL, SharedSettings.TOPIC_PRICE_TICKS, true);
        }
    }

    static final class Demo extends SettingsHelp {
        Demo() {
            super(DemoSettings.ALL, SharedSettings.TOPIC_PRICE_TICKS, true);
        }
    }

    static final class Feed extends SettingsHelp {
        Feed() {
            super(FeedSettings.ALL, SharedSettings.TOPIC_PRICE_TICKS, true);
        }
    }

    /** {@code replay}: its options fall back to the variables; there is no other setting to list. */
    public static final class Replay extends SettingsHelp {
        public Replay() {
            super(Settings.of(SharedSettings.KAFKA, group("Processor", ProcessorSettings.MAX_FUTURE_SKEW)),
                    SharedSettings.TOPIC_PRICE_TICKS, false);
        }
    }

    /** {@code dlq}: its options fall back to the variables; there is no other setting to list. */
    public static final class Dlq extends SettingsHelp {
        public Dlq() {
            super(Settings.of(SharedSettings.KAFKA), SharedSettings.TOPIC_PRICE_TICKS_DLQ, false);
        }
    }
}
