package com.pricefeed.launcher.delist;

import com.pricefeed.platform.config.Env;
import com.pricefeed.schemas.tick.Delisting;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.processor.streams.SymbolPartitioning;
import com.pricefeed.schemas.topic.SymbolPartitioner;
import com.pricefeed.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code delist} against a real broker: the lifecycle record arrives on the topic keyed by the symbol, as printed. */
class DelistIT {

    private static final Instant NOW = Instant.parse("2026-12-06T12:30:00.123Z");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static Admin admin;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void createAdminAndTopics() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("ticks-delist", 3, (short) 1), new NewTopic("ticks-now", 1, (short) 1))).all().get();
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void shouldPublishTheDelistingKeyedBySymbolToItsPartitionAndPrintIt() {
        int exit = delist("--topic", "ticks-delist", "--at", "2026-12-06T12:00:00Z", "--provider", "NASDAQ", " acme ");

        assertThat(exit).as(err.toString()).isZero();
        List<ConsumerRecord<String, byte[]>> published = readAll("ticks-delist");
        String json = "{\"symbol\":\"ACME\",\"event\":\"delisted\",\"source_timestamp\":\"2026-12-06T12:00:00Z\",\"provider\":\"nasdaq\"}";
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("ACME");
            assertThat(record.partition()).isEqualTo(Utils.toPositive(Utils.murmur2("ACME".getBytes(StandardCharsets.UTF_8))) % 3);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(json);
            assertThat(new TickParser(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5)).parse(record.value()))
                    .isEqualTo(new ParseResult.Lifecycle(new Delisting("ACME", Instant.parse("2026-12-06T12:00:00Z"), "nasdaq")));
        });
        assertThat(out.toString()).contains("Delisted ACME at 2026-12-06T12:00:00Z (provider nasdaq): sent to ticks-delist partition "
                + published.get(0).partition() + " offset " + published.get(0).offset()).contains(json);
    }

    /* A deployment that follows kcat-style publishers (recorded as SymbolPartitioning does) gets its delistings so. */
    @Test
    void shouldPlaceTheDelistingAsTheProcessorsDeploymentRecorded() throws Exception {
        admin.createTopics(List.of(new NewTopic("ticks-crc32", 6, (short) 1),
                new NewTopic(SymbolPartitioning.markerTopic("crc32-processor", SymbolPartitioner.CRC32), 1, (short) 1))).all().get();
        CommandLine commandLine = new CommandLine(new DelistCommand(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PROCESSOR_APPLICATION_ID", "crc32-processor")), Clock.fixed(NOW, ZoneOffset.UTC)));
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("--topic", "ticks-crc32", "MSFT")).as(err.toString()).isZero();

        assertThat(readAll("ticks-crc32")).singleElement()
                .satisfies(record -> assertThat(record.partition()).isEqualTo(SymbolPartitioner.CRC32.partition("MSFT", 6))
                        .isNotEqualTo(SymbolPartitioner.MURMUR2.partition("MSFT", 6)));
    }

    @Test
    void shouldDelistNowUnderTheAdminProviderByDefault() {
        int exit = delist("--topic", "ticks-now", "MSFT");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(readAll("ticks-now")).singleElement().satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"symbol\":\"MSFT\",\"event\":\"delisted\",\"source_timestamp\":\"2026-12-06T12:30:00.123Z\",\"provider\":\"admin\"}"));
    }

    @Test
    void shouldRefuseWhatTheProcessorWouldRejectWithoutSendingIt() {
        assertThat(delist("--topic", "ticks-delist", "^BAD")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("INVALID_SYMBOL");
        assertThat(delist("--topic", "ticks-delist", "--at", "2026-12-06T13:00:00Z", "ACME")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("TIMESTAMP_IN_FUTURE");
        assertThat(delist("--topic", "ticks-delist", "--at", "yesterday", "ACME")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--at must be an ISO-8601 instant");
    }

    @Test
    void shouldFailWithAnActionableMessageWhenTheTopicIsMissing() {
        assertThat(delist("--topic", "no-such-topic", "ACME")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("topic no-such-topic does not exist");
    }

    private int delist(String... args) {
        CommandLine commandLine = new CommandLine(new DelistCommand(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())), Clock.fixed(NOW, ZoneOffset.UTC)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
