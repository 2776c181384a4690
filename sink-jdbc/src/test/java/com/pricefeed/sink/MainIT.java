package com.pricefeed.sink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink's own process, as an operator starts it. */
class MainIT {

    @Test
    void shouldExitWithStatusTwoAndOneLineNamingTheVariableWhenASettingIsBad() throws IOException, InterruptedException {
        Exit exit = run(Map.of("SINK_MAX_BATCH", "0"));

        assertThat(exit.status()).as(exit.output()).isEqualTo(2);
        assertThat(exit.lines()).as(exit.output()).singleElement().asString()
                .contains("Invalid configuration").contains("SINK_MAX_BATCH must be between 1 and 100000, got 0");
    }

    @Test
    void shouldNotRepeatThePasswordOfAUrlItRefuses() throws IOException, InterruptedException {
        Exit exit = run(Map.of("DATABASE_URL", "postgresql://price_sink:not-for-logs-7f3a@db:5432/prices"));

        assertThat(exit.status()).as(exit.output()).isEqualTo(2);
        assertThat(exit.lines()).as(exit.output()).singleElement().asString()
                .contains("DATABASE_URL must be a URL starting with jdbc:postgresql://, got \"postgresql://price_sink:****@db:5432/prices\"");
        assertThat(exit.output()).doesNotContain("not-for-logs-7f3a");
    }

    private static Exit run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process sink = builder.start();
        String output = new String(sink.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exit(sink.waitFor(), output);
    }

    private record Exit(int status, String output) {
        List<String> lines() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
