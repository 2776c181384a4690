package com.pricefeed.launcher;

import com.pricefeed.api.ApiConfig;
import com.pricefeed.launcher.cli.Commands;
import com.pricefeed.launcher.demo.DemoConfig;
import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.platform.config.Env;
import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.sink.SinkConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every environment variable a service reads is in docs/configuration.md's tables and in its own --help. */
class ConfigurationIsDocumentedTest {

    private static final Path CONFIGURATION = Path.of("..", "docs", "configuration.md");

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("processor", (Consumer<Env>) ProcessorConfig::from),
                Arguments.of("sink", (Consumer<Env>) SinkConfig::from),
                Arguments.of("api", (Consumer<Env>) ApiConfig::from),
                Arguments.of("feed", (Consumer<Env>) FeedConfig::from),
                Arguments.of("demo", (Consumer<Env>) DemoConfig::from));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void shouldDocumentEveryVariableTheCommandReads(String command, Consumer<Env> configuration) throws IOException {
        Env env = new Env(Map.of());
        configuration.accept(env);
        Set<String> names = env.namesRead();
        String tables = Files.readString(CONFIGURATION);
        String help = new CommandLine(Commands.root()).getSubcommands().get(command).getUsageMessage();

        assertThat(names).isNotEmpty().allSatisfy(name -> {
            assertThat(tables).as("docs/configuration.md documents %s", name).contains("| `" + name + "` |");
            assertThat(help).as("%s --help documents %s", command, name).contains(name);
        });
    }
}
