package com.pricefeed.sink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink's own process, as an operator starts it. */
class MainIT {

    @Test
    void shouldExitWithStatusTwoAndOneLineNamingTheVariableWhenASettingIsBad() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("SINK_MAX_BATCH", "0");
        Process sink = builder.start();

        String output = new String(sink.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();

        assertThat(sink.waitFor()).as(output).isEqualTo(2);
        assertThat(lines).as(output).singleElement().asString()
                .contains("Invalid configuration").contains("SINK_MAX_BATCH must be between 1 and 100000, got 0");
    }
}
