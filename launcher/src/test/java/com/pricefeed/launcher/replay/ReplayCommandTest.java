package com.pricefeed.launcher.replay;

import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldDocumentEveryOptionWithItsEnvironmentVariable() {
        int exit = run(Map.of(), "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--speed=N", "--as-fast-as-possible", "--skip-invalid", "--send-invalid",
                "--max-future-skew", "--[no-]progress", "KAFKA_BOOTSTRAP_SERVERS", "TOPIC_PRICE_TICKS", "MAX_FUTURE_SKEW");
    }

    @Test
    void shouldTakeItsDefaultsFromTheEnvironment() {
        ReplayCommand command = new ReplayCommand(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "TOPIC_PRICE_TICKS", "ticks-in",
                "MAX_FUTURE_SKEW", "30s",
                "PRICE_TICKS_PARTITIONER", "crc32")));
        new CommandLine(command).parseArgs("--no-progress", "file.csv");

        assertThat(command.settings()).isEqualTo(new ReplayCommand.Settings(
                new KafkaConnection("kafka-1:9092,kafka-2:9092"), "ticks-in", 1.0, false, Duration.ofSeconds(30), false,
                SymbolPartitioner.CRC32));
    }

    @Test
    void shouldLetOptionsOverrideTheEnvironment() {
        ReplayCommand command = new ReplayCommand(new Env(Map.of("TOPIC_PRICE_TICKS", "ticks-in")));
        new CommandLine(command).parseArgs("-b", "10.0.0.1:9093", "-t", "other", "--speed", "20", "--send-invalid",
                "--max-future-skew", "PT1M", "--progress", "file.csv");

        assertThat(command.settings()).isEqualTo(new ReplayCommand.Settings(
                new KafkaConnection("10.0.0.1:9093"), "other", 20.0, true, Duration.ofMinutes(1), true, null));
    }

    @Test
    void shouldUseTheLocalDemoDefaultsWithAnEmptyEnvironment() {
        ReplayCommand command = new ReplayCommand(new Env(Map.of()));
        new CommandLine(command).parseArgs("--as-fast-as-possible", "--no-progress", "file.csv");

        assertThat(command.settings()).isEqualTo(new ReplayCommand.Settings(
                new KafkaConnection("127.0.0.1:9092"), "price-ticks", null, false, Duration.ofMinutes(5), false, null));
    }

    @Test
    void shouldRefuseASpeedTogetherWithAsFastAsPossible() {
        assertThat(run(Map.of(), "--speed", "2", "--as-fast-as-possible", "file.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void shouldRefuseASpeedThatIsNotPositive() {
        assertThat(run(Map.of(), "--speed", "0", "file.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("--speed must be a positive number, got 0.0");
    }

    @Test
    void shouldRefuseSkipAndSendInvalidTogether() {
        assertThat(run(Map.of(), "--skip-invalid", "--send-invalid", "file.csv")).isEqualTo(2);
    }

    @Test
    void shouldExplainABadEnvironmentVariable() {
        assertThat(run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "no port"), "file.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("KAFKA_BOOTSTRAP_SERVERS must be a comma-separated list of host:port");
    }

    @Test
    void shouldExplainABadSkew() {
        assertThat(run(Map.of(), "--max-future-skew", "soon", "file.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-future-skew must be a duration such as 250ms, 5s, 5m, 1h or PT5M");
    }

    @Test
    void shouldFailWithAClearMessageWhenTheFileDoesNotExist() {
        assertThat(run(Map.of(), dir.resolve("missing.csv").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: no such file: ").contains("missing.csv");
    }

    @Test
    void shouldFailBeforeConnectingWhenTheHeaderLacksARequiredField() throws IOException {
        Path file = Files.writeString(dir.resolve("ticks.csv"), "ticker,price,time,provider\nAAPL,1,2,iex\n");

        assertThat(run(Map.of(), file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: The CSV header has no column for the required field(s) symbol, source_timestamp");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = new CommandLine(new ReplayCommand(new Env(env)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
