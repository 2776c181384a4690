package com.pricefeed.launcher.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.platform.config.Env;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.tick.ParseResult;
import com.pricefeed.schemas.tick.TickParser;
import com.pricefeed.testing.KafkaBrokerExtension;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code replay} against a real broker: exactly the sample's valid rows arrive on the topic, keyed and in order. */
class ReplayIT {

    private static final Path SAMPLE = Path.of("..", "samples", "ticks-sample.csv");
    /** The sample's deliberately invalid rows: a negative price and a low above the high. */
    private static final Set<Long> INVALID_LINES = Set.of(108L, 212L);

    @TempDir
    static Path dataDir;
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static Admin admin;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void createAdmin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void shouldPublishExactlyTheValidRowsOfTheSampleKeyedBySymbolInFileOrderPerPartition() throws Exception {
        createTopic("ticks-sample", 3, Map.of());

        int exit = replay("--topic", "ticks-sample", "--as-fast-as-possible", "--no-progress", SAMPLE.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<ConsumerRecord<String, String>> published = readAll("ticks-sample");
        List<CSVRecord> expected = sampleRows().stream().filter(row -> !INVALID_LINES.contains(row.getRecordNumber())).toList();
        assertThat(published).hasSize(298).hasSameSizeAs(expected);
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = published.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition));
        Map<String, Integer> partitionOfKey = published.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::partition, (a, b) -> {
                    assertThat(a).as("one partition per symbol").isEqualTo(b);
                    return a;
                }));
        for (var partition : byPartition.entrySet()) {
            List<CSVRecord> rows = expected.stream()
                    .filter(row -> partitionOfKey.get(keyOf(row)).equals(partition.getKey())).toList();
            assertThat(partition.getValue()).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                assertSameTick(partition.getValue().get(i), rows.get(i));
            }
        }
    }

    @Test
    void shouldSendTheFirstRowAsThisExactJsonAndReportTheBadRowsWithTheirLines() throws Exception {
        createTopic("ticks-exact", 1, Map.of());

        int exit = replay("--topic", "ticks-exact", "--as-fast-as-possible", "--no-progress", SAMPLE.toString());

        assertThat(exit).isZero();
        List<ConsumerRecord<String, String>> published = readAll("ticks-exact");
        assertThat(published.get(0).key()).isEqualTo("AAPL");
        assertThat(published.get(0).value()).isEqualTo("{\"symbol\":\"AAPL\",\"price\":\"189.94\","
                + "\"source_timestamp\":\"2026-11-24T14:30:00.555Z\",\"provider\":\"polygon\",\"volume\":1033302,"
                + "\"open_price\":\"189.74\",\"high_price\":\"189.94\",\"low_price\":\"189.74\",\"previous_close\":\"189.23\","
                + "\"company_name\":\"Apple Inc.\",\"market_cap\":\"2944070000000.00\"}");
        assertThat(published).filteredOn(record -> record.value().contains("\"symbol\":\"nvda\""))
                .singleElement().extracting(ConsumerRecord::key).isEqualTo("NVDA");
        assertThat(published).extracting(ConsumerRecord::value)
                .noneMatch(value -> value.contains("\"price\":\"-"));
        assertThat(err.toString())
                .contains("Ignoring column(s) that are not tick fields: exchange")
                .contains("line 108: PRICE_NOT_POSITIVE price must be positive, got -413.3700 (not sent)")
                .contains("line 212: LOW_ABOVE_HIGH low_price 172.7200 is greater than high_price 171.2200 (not sent)");
        assertThat(out.toString())
                .contains("Replay finished in ")
                .contains(String.join(System.lineSeparator(),
                        "  rows read                    300",
                        "  published                    298 to ticks-exact",
                        "  rejected locally               2 (not sent)",
                        "    LOW_ABOVE_HIGH               1",
                        "    PRICE_NOT_POSITIVE           1",
                        "  send failures                  0"));
    }

    @Test
    void shouldSendInvalidRowsTooWhenAskedSoThatTheProcessorDeadLettersThem() throws Exception {
        createTopic("ticks-all", 1, Map.of());

        int exit = replay("--topic", "ticks-all", "--as-fast-as-possible", "--send-invalid", "--no-progress",
                SAMPLE.toString());

        assertThat(exit).isZero();
        List<ConsumerRecord<String, String>> published = readAll("ticks-all");
        assertThat(published).hasSize(300);
        assertThat(published.get(106).key()).isEqualTo("MSFT");
        assertThat(published.get(106).value()).contains("\"price\":\"-413.37\"");
        assertThat(err.toString()).contains("line 108: PRICE_NOT_POSITIVE price must be positive, got -413.3700 (sent anyway)");
        assertThat(out.toString()).contains("  published                    300 to ticks-all")
                .contains("  rejected locally               2 (sent anyway: the processor dead-letters them)");
    }

    @Test
    void shouldExitNonZeroWhenTheBrokerRefusesARecord() throws Exception {
        createTopic("ticks-tiny", 1, Map.of("max.message.bytes", "64"));
        Path csv = Files.writeString(dataDir.resolve("two.csv"), "symbol,price,source_timestamp,provider\n"
                + "AAPL,189.23,2026-11-24T14:30:00Z,polygon\n"
                + "AAPL,189.24,2026-11-24T14:30:01Z,polygon\n");

        int exit = replay("--topic", "ticks-tiny", "--as-fast-as-possible", "--no-progress", csv.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("error: line 2 was not published: ")
                .contains("RecordTooLargeException");
        assertThat(out.toString()).contains("Replay stopped (a send failed)").contains("  published                      0 to ticks-tiny");
    }

    @Test
    void shouldRefuseToStartWhenTheTopicDoesNotExist() {
        int exit = replay("--topic", "no-such-topic", "--as-fast-as-possible", "--no-progress", SAMPLE.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("error: topic no-such-topic does not exist on " + kafka.bootstrapServers()
                + ": start the processor (or the demo), which creates it, or name another with --topic");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldPaceTheReplayAndDrawTheProgressBarWhenAsked() throws Exception {
        createTopic("ticks-paced", 1, Map.of());
        Path csv = Files.writeString(dataDir.resolve("paced.csv"), "symbol,price,source_timestamp,provider\n"
                + "AAPL,189.23,2026-11-24T14:30:00.000Z,polygon\n"
                + "AAPL,189.24,2026-11-24T14:30:00.300Z,polygon\n"
                + "AAPL,189.25,2026-11-24T14:30:00.600Z,polygon\n");
        long start = System.nanoTime();

        int exit = replay("--topic", "ticks-paced", "--speed", "2", "--progress", csv.toString());

        assertThat(exit).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(readAll("ticks-paced")).hasSize(3);
        assertThat(err.toString()).contains("\r[##############################] 3/3 100%");
    }

    private int replay(String... args) {
        CommandLine commandLine = new CommandLine(new ReplayCommand(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()))));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static void assertSameTick(ConsumerRecord<String, String> published, CSVRecord row) throws Exception {
        assertThat(published.key()).isEqualTo(keyOf(row));
        JsonNode tick = Json.mapper().readTree(published.value());
        List<String> header = sampleHeader();
        for (int column = 0; column < header.size(); column++) {
            String field = header.get(column);
            String cell = row.get(column);
            if (field.equals("exchange") || cell.isEmpty()) {
                assertThat(tick.has(field)).as("line %d %s", row.getRecordNumber(), field).isFalse();
            } else if (field.equals("volume")) {
                assertThat(tick.get(field).isIntegralNumber()).isTrue();
                assertThat(tick.get(field).asText()).isEqualTo(cell);
            } else {
                assertThat(tick.get(field).isTextual()).as("line %d %s", row.getRecordNumber(), field).isTrue();
                assertThat(tick.get(field).textValue()).as("line %d %s", row.getRecordNumber(), field).isEqualTo(cell);
            }
        }
        ParseResult verdict = new TickParser(Clock.systemUTC(), Duration.ofMinutes(5))
                .parse(published.value().getBytes(StandardCharsets.UTF_8));
        assertThat(verdict).isInstanceOf(ParseResult.Accepted.class);
    }

    private static String keyOf(CSVRecord row) {
        return row.get(0).trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** The sample read with nothing of the code under test; record number = line number (no blank or multi-line rows). */
    private static List<CSVRecord> sampleRows() throws Exception {
        try (CSVParser parser = CSVParser.parse(SAMPLE, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.getRecords().stream().skip(1).toList();
        }
    }

    private static List<String> sampleHeader() throws Exception {
        try (CSVParser parser = CSVParser.parse(SAMPLE, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.iterator().next().toList();
        }
    }

    private static void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
    }

    /** Every record on the topic, partition by partition, read until the end offsets. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            records.sort(Comparator.comparingInt(ConsumerRecord<String, String>::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }
}
