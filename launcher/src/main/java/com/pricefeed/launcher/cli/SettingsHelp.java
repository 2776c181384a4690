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
public final class SettingsHelp implements CommandLine.IModelTransformer {

    /** The {@code descriptionKey} of an option that names the command's topic setting. */
    public static final String TOPIC_KEY = "topic";
    static final String SECTION_KEY = "environment";
    private static final int WIDTH = 120;

    /**
     * What one command's help shows.
     *
     * @param settings what its options fall back to, and what it reads
     * @param topic    the setting {@code -t} falls back to, if it has that option
     * @param listed   whether the help lists {@code settings} in a section of their own
     */
    private record Help(Settings settings, Setting<String> topic, boolean listed) {
    }

    private static final Map<String, Help> BY_COMMAND = Map.of(
            "processor", new Help(ProcessorSettings.ALL, null, true),
            "sink", new Help(SinkSettings.ALL, null, true),
            "api", new Help(ApiSettings.ALL, null, true),
            "demo", new Help(DemoSettings.ALL, null, true),
            "feed", new Help(FeedSettings.ALL, SharedSettings.TOPIC_PRICE_TICKS, true),
            "replay", new Help(Settings.of(SharedSettings.KAFKA, group("Topics", SharedSettings.PRICE_TICKS_PARTITIONER),
                    group("Processor", ProcessorSettings.MAX_FUTURE_SKEW)),
                    SharedSettings.TOPIC_PRICE_TICKS, false),
            "dlq", new Help(Settings.of(SharedSettings.KAFKA), SharedSettings.TOPIC_PRICE_TICKS_DLQ, false),
            "delist", new Help(Settings.of(SharedSettings.KAFKA, group("Processor", ProcessorSettings.MAX_FUTURE_SKEW)),
                    SharedSettings.TOPIC_PRICE_TICKS, false));

    @Override
    public CommandSpec transform(CommandSpec spec) {
        Help help = BY_COMMAND.get(spec.name());
        spec.resourceBundle(optionDescriptions(spec, help));
        if (help.listed()) {
            UsageMessageSpec usage = spec.usageMessage();
            usage.sectionMap().put(SECTION_KEY, ignored -> String.join(System.lineSeparator(),
                    environmentLines(help.settings())) + System.lineSeparator());
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION_KEY);
            usage.sectionKeys(keys);
        }
        return spec;
    }

    private static List<String> environmentLines(Settings settings) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Environment [default; allowed values]:");
        lines.addAll(settings.helpLines(WIDTH));
        return lines;
    }

    private static ListResourceBundle optionDescriptions(CommandSpec spec, Help help) {
        Map<String, String> descriptions = new TreeMap<>();
        for (OptionSpec option : spec.options()) {
            String key = option.descriptionKey();
            if (TOPIC_KEY.equals(key)) {
                Setting<String> topic = help.topic();
                descriptions.put(key, "The topic: " + Settings.plain(topic.documentation()) + "." + Settings.fallback(topic));
            } else if (!key.isEmpty()) {
                help.settings().find(key).ifPresent(setting ->
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
}
