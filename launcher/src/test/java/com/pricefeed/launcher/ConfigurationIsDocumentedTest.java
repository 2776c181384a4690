package com.pricefeed.launcher;

import com.pricefeed.api.ApiConfig;
import com.pricefeed.api.ApiSettings;
import com.pricefeed.launcher.cli.Commands;
import com.pricefeed.launcher.demo.DemoConfig;
import com.pricefeed.launcher.demo.DemoSettings;
import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.FeedSettings;
import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.Settings;
import com.pricefeed.platform.config.SharedSettings;
import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.processor.ProcessorSettings;
import com.pricefeed.sink.SinkConfig;
import com.pricefeed.sink.SinkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable a service reads is declared in its settings catalogue, which its {@code --help} lists;
 * and docs/configuration.md's tables are the ones the declarations render. When a declaration changed, rewrite the
 * tables with {@value #REWRITE}.
 */
class ConfigurationIsDocumentedTest {

    static final String REWRITE = "./mvnw -B -q -o -pl launcher -am verify -Dtest=ConfigurationIsDocumentedTest "
            + "-Dsettings.write=true -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false";
    private static final Path CONFIGURATION = Path.of("..", "docs", "configuration.md");
    private static final Path LOGBACK = Path.of("..", "platform", "src", "main", "resources", "logback.xml");

    /** The tables of docs/configuration.md, by the id of their markers. */
    private static final Map<String, Settings> TABLES = tables();

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("processor", (Consumer<Env>) ProcessorConfig::from, ProcessorSettings.ALL),
                Arguments.of("sink", (Consumer<Env>) SinkConfig::from, SinkSettings.ALL),
                Arguments.of("api", (Consumer<Env>) ApiConfig::from, ApiSettings.ALL),
                Arguments.of("feed", (Consumer<Env>) FeedConfig::from, FeedSettings.ALL),
                Arguments.of("demo", (Consumer<Env>) DemoConfig::from, DemoSettings.ALL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void shouldDeclareEveryVariableTheCommandReadsAndListItInItsHelp(String command, Consumer<Env> configuration,
                                                                   Settings settings) {
        Env env = new Env(Map.of());
        configuration.accept(env);
        Set<String> names = env.namesRead();
        String help = new CommandLine(Commands.root()).getSubcommands().get(command).getUsageMessage();

        assertThat(names).isNotEmpty().allSatisfy(name ->
                assertThat(settings.find(name)).as("%s declares %s, which it reads", command, name).isPresent());
        assertThat(settings.all()).allSatisfy(setting -> {
            assertThat(help).as("%s --help lists %s", command, setting.name()).contains(setting.name());
            assertThat(TABLES.values()).as("docs/configuration.md has a table with %s", setting.name())
                    .anySatisfy(table -> assertThat(table.all()).contains(setting));
        });
    }

    static Stream<Arguments> optionsWithVariables() {
        return Stream.of(
                Arguments.of("feed", SharedSettings.KAFKA_BOOTSTRAP_SERVERS),
                Arguments.of("feed", SharedSettings.TOPIC_PRICE_TICKS),
                Arguments.of("feed", FeedSettings.RATE),
                Arguments.of("replay", SharedSettings.TOPIC_PRICE_TICKS),
                Arguments.of("replay", ProcessorSettings.MAX_FUTURE_SKEW),
                Arguments.of("dlq", SharedSettings.KAFKA_BOOTSTRAP_SERVERS),
                Arguments.of("dlq", SharedSettings.TOPIC_PRICE_TICKS_DLQ),
                Arguments.of("delist", SharedSettings.KAFKA_BOOTSTRAP_SERVERS),
                Arguments.of("delist", SharedSettings.TOPIC_PRICE_TICKS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optionsWithVariables")
    void shouldNameTheVariableAnOptionFallsBackToWithItsDeclaredDefault(String command, Setting<?> setting) {
        String help = new CommandLine(Commands.root()).getSubcommands().get(command).getUsageMessage();

        assertThat(help.replaceAll("\\s+", " ")).contains(Settings.fallback(setting).trim());
    }

    @Test
    void shouldShowTheTablesTheDeclarationsRender() throws IOException {
        if (Boolean.getBoolean("settings.write")) {
            String document = Files.readString(CONFIGURATION);
            for (Map.Entry<String, Settings> table : TABLES.entrySet()) {
                document = withTable(document, table.getKey(), table.getValue().markdownTable());
            }
            Files.writeString(CONFIGURATION, document);
        }
        String document = Files.readString(CONFIGURATION);
        for (Map.Entry<String, Settings> table : TABLES.entrySet()) {
            assertThat(table(document, table.getKey()))
                    .as("docs/configuration.md's table <!-- settings:%s --> differs from the declarations; rewrite the "
                            + "tables with: %s", table.getKey(), REWRITE)
                    .isEqualTo(table.getValue().markdownTable());
        }
    }

    @Test
    void shouldStartLogbackWithTheDeclaredLogLevels() throws IOException {
        String logback = Files.readString(LOGBACK);
        assertThat(Stream.of(SharedSettings.LOG_LEVEL, SharedSettings.KAFKA_LOG_LEVEL)).allSatisfy(setting ->
                assertThat(logback).contains("${" + setting.name() + ":-" + setting.defaultValue() + "}"));
    }

    /** The text between the markers of table {@code id}. */
    private static String table(String document, String id) {
        int[] bounds = bounds(document, id);
        return document.substring(bounds[0], bounds[1]);
    }

    /** {@code document} with the text between the markers of table {@code id} replaced by {@code table}. */
    private static String withTable(String document, String id, String table) {
        int[] bounds = bounds(document, id);
        return document.substring(0, bounds[0]) + table + document.substring(bounds[1]);
    }

    private static int[] bounds(String document, String id) {
        String open = "<!-- settings:" + id + " -->\n";
        String close = "<!-- /settings:" + id + " -->";
        int start = document.indexOf(open);
        int end = document.indexOf(close);
        assertThat(start).as("docs/configuration.md has the marker %s followed by %s", open.trim(), close)
                .isNotNegative().isLessThan(end);
        return new int[] {start + open.length(), end};
    }

    private static Map<String, Settings> tables() {
        Map<String, Settings> tables = new LinkedHashMap<>();
        tables.put("shared", SharedSettings.ALL);
        tables.put("processor", Settings.of(ProcessorSettings.OWN));
        tables.put("sink", Settings.of(SinkSettings.OWN));
        tables.put("api", Settings.of(ApiSettings.OWN));
        tables.put("demo", DemoSettings.ALL);
        return tables;
    }
}
