package com.pricefeed.launcher.dlq;

import com.pricefeed.platform.config.Env;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DlqCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldDocumentEveryOptionWithItsEnvironmentVariableAndTheReasonCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--[no-]from-beginning", "--follow", "--max=N", "--reason=CODE", "--json",
                "--width=CHARS", "KAFKA_BOOTSTRAP_SERVERS", "TOPIC_PRICE_TICKS_DLQ", "PRICE_NOT_POSITIVE", "LOW_ABOVE_HIGH");
    }

    @Test
    void shouldRefuseAReasonCodeThatDoesNotExist() {
        assertThat(run("--reason", "PRICE_TOO_HIGH")).isEqualTo(2);
        assertThat(err.toString()).contains("\"PRICE_TOO_HIGH\" is not a reason code; the codes are NOT_JSON,");
    }

    @Test
    void shouldRefuseANegativeLimit() {
        assertThat(run("--max", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--max must be 0 or more, got -1");
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new DlqCommand(new Env(Map.of())));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
