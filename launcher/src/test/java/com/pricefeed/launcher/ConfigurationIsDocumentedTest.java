package com.pricefeed.launcher;

import com.pricefeed.api.ApiConfig;
import com.pricefeed.launcher.cli.Commands;
import com.pricefeed.launcher.demo.DemoConfig;
import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.platform.config.Env;
import com.pricefeed.processor.ProcessorConfig;
import com.pricefeed.sink.SinkConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every environment variable a service reads is in the README's configuration tables and in its own --help. */
class ConfigurationIsDocumentedTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void shouldDocumentEveryVariableTheProcessorReads() throws IOException {
        assertDocumented(env -> ProcessorConfig.from(env), "processor");
    }

    @Test
    void shouldDocumentEveryVariableTheSinkReads() throws IOException {
        assertDocumented(env -> SinkConfig.from(env), "sink");
    }

    @Test
    void shouldDocumentEveryVariableTheApiReads() throws IOException {
        assertDocumented(env -> ApiConfig.from(env), "api");
    }

    @Test
    void shouldDocumentEveryVariableTheFeedAndTheDemoRead() throws IOException {
        assertDocumented(env -> FeedConfig.from(env), "feed");
        assertDocumented(env -> DemoConfig.from(env), "demo");
    }

    private static void assertDocumented(Consumer<Env> configuration, String command) throws IOException {
        Env env = new Env(Map.of());
        configuration.accept(env);
        Set<String> names = env.namesRead();
        String readme = Files.readString(README);
        String help = new CommandLine(Commands.root()).getSubcommands().get(command).getUsageMessage();

        assertThat(names).isNotEmpty().allSatisfy(name -> {
            assertThat(readme).as("README.md documents %s", name).contains("`" + name + "`");
            assertThat(help).as("%s --help documents %s", command, name).contains(name);
        });
    }
}
