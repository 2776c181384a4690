package com.pricefeed.launcher.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.platform.config.Env;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.topic.DeadLetterHeaders;
import com.pricefeed.testing.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code dlq} against a real broker holding dead letters written the way the processor writes them. */
class DlqIT {

    private static final Instant AT = Instant.parse("2026-11-24T14:35:00.123Z");
    private static final String TOPIC = "dlq-sample";
    private static final String NL = System.lineSeparator();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static Admin admin;
    private static KafkaProducer<byte[], byte[]> producer;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeDeadLetters() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        createTopic(TOPIC);
        deadLetter(TOPIC, 0, "MSFT", utf8("{\"symbol\":\"MSFT\",\"price\":\"-413.37\"}"), "PRICE_NOT_POSITIVE",
                "price must be positive, got -413.3700", "price-ticks", "0", "107");
        deadLetter(TOPIC, 1, "GOOGL", utf8("{\"low_price\":\"172.72\",\"high_price\":\"171.22\"}"), "LOW_ABOVE_HIGH",
                "low_price 172.7200 is greater than high_price 171.2200", "price-ticks", "2", "211");
        deadLetter(TOPIC, 2, null, new byte[]{(byte) 0xff, (byte) 0xfe, 0x41}, "NOT_JSON",
                "the value is not valid UTF-8", "price-ticks", "1", "5");
        deadLetter(TOPIC, 3, "AAPL", utf8("{\"symbol\":\"AAPL\",\"price\":\"0\"}"), "PRICE_NOT_POSITIVE",
                "price must be positive, got 0.0000", "price-ticks", "0", "108");
        producer.flush();
    }

    @AfterAll
    static void closeClients() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void shouldPrintEveryDeadLetterAsOneJsonObjectPerLine() throws Exception {
        int exit = dlq("--topic", TOPIC, "--json");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(jsonLines()).containsExactly(
                json("""
                        {"topic":"dlq-sample","partition":0,"offset":0,"timestamp":"2026-11-24T14:35:00.123Z",
                         "reason":"PRICE_NOT_POSITIVE","message":"price must be positive, got -413.3700",
                         "source_topic":"price-ticks","source_partition":0,"source_offset":107,
                         "key":"MSFT","key_encoding":"utf8",
                         "value":"{\\"symbol\\":\\"MSFT\\",\\"price\\":\\"-413.37\\"}","value_encoding":"utf8"}"""),
                json("""
                        {"topic":"dlq-sample","partition":0,"offset":1,"timestamp":"2026-11-24T14:35:01.123Z",
                         "reason":"LOW_ABOVE_HIGH","message":"low_price 172.7200 is greater than high_price 171.2200",
                         "source_topic":"price-ticks","source_partition":2,"source_offset":211,
                         "key":"GOOGL","key_encoding":"utf8",
                         "value":"{\\"low_price\\":\\"172.72\\",\\"high_price\\":\\"171.22\\"}","value_encoding":"utf8"}"""),
                json("""
                        {"topic":"dlq-sample","partition":0,"offset":2,"timestamp":"2026-11-24T14:35:02.123Z",
                         "reason":"NOT_JSON","message":"the value is not valid UTF-8",
                         "source_topic":"price-ticks","source_partition":1,"source_offset":5,
                         "key":null,"key_encoding":null,"value":"fffe41","value_encoding":"hex"}"""),
                json("""
                        {"topic":"dlq-sample","partition":0,"offset":3,"timestamp":"2026-11-24T14:35:03.123Z",
                         "reason":"PRICE_NOT_POSITIVE","message":"price must be positive, got 0.0000",
                         "source_topic":"price-ticks","source_partition":0,"source_offset":108,
                         "key":"AAPL","key_encoding":"utf8",
                         "value":"{\\"symbol\\":\\"AAPL\\",\\"price\\":\\"0\\"}","value_encoding":"utf8"}"""));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldPrintOnlyTheReasonsAskedForInAnyCase() throws Exception {
        int exit = dlq("--topic", TOPIC, "--json", "--reason", "price_not_positive");

        assertThat(exit).isZero();
        assertThat(jsonLines()).extracting(line -> line.get("offset").asLong()).containsExactly(0L, 3L);
    }

    @Test
    void shouldStopAfterTheMaximum() throws Exception {
        int exit = dlq("--topic", TOPIC, "--json", "--max", "1", "--reason", "LOW_ABOVE_HIGH,NOT_JSON");

        assertThat(exit).isZero();
        assertThat(jsonLines()).extracting(line -> line.get("reason").asText()).containsExactly("LOW_ABOVE_HIGH");
    }

    @Test
    void shouldPrintReadableBlocksWithValuesCutToTheWidth() {
        int exit = dlq("--topic", TOPIC, "--width", "12", "--reason", "LOW_ABOVE_HIGH,NOT_JSON");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(""
                + "dlq-sample/0@1  2026-11-24T14:35:01.123Z  LOW_ABOVE_HIGH" + NL
                + "  message  low_price 172.7200 is greater than high_price 171.2200" + NL
                + "  source   price-ticks/2@211" + NL
                + "  key      GOOGL" + NL
                + "  value    {\"low_price\"… (44 bytes)" + NL
                + NL
                + "dlq-sample/0@2  2026-11-24T14:35:02.123Z  NOT_JSON" + NL
                + "  message  the value is not valid UTF-8" + NL
                + "  source   price-ticks/1@5" + NL
                + "  key      (none)" + NL
                + "  value    hex:fffe41" + NL
                + NL);
        assertThat(err.toString()).isEqualTo("Shown 2 of 4 dead letter(s) read from dlq-sample." + NL);
    }

    @Test
    void shouldPrintNothingWhenStartingAtTheEndWithoutFollowing() {
        int exit = dlq("--topic", TOPIC, "--no-from-beginning");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Shown 0 of 0");
    }

    @Test
    void shouldFollowNewDeadLettersUntilTheMaximum() throws Exception {
        createTopic("dlq-follow");
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(
                () -> dlq("--topic", "dlq-follow", "--follow", "--max", "2", "--json"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !following.isDone());

        deadLetter("dlq-follow", 0, "TSLA", utf8("{}"), "MISSING_FIELD", "required field symbol is missing", "price-ticks", "0", "1");
        deadLetter("dlq-follow", 1, "TSLA", utf8("[]"), "NOT_AN_OBJECT", "the value must be a JSON object, got array", "price-ticks", "0", "2");
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).until(following::isDone);
        assertThat(following.get()).isZero();
        assertThat(jsonLines()).extracting(line -> line.get("reason").asText()).containsExactly("MISSING_FIELD", "NOT_AN_OBJECT");
    }

    @Test
    void shouldReadWithoutAnyConsumerGroup() throws Exception {
        int exit = dlq("--topic", TOPIC, "--json");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(jsonLines()).extracting(line -> line.get("offset").asLong()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(admin.listGroups().all().get()).isEmpty();
    }

    @Test
    void shouldSayWhenTheTopicDoesNotExist() {
        int exit = dlq("--topic", "no-such-dlq");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("error: topic no-such-dlq does not exist");
    }

    private int dlq(String... args) {
        CommandLine commandLine = new CommandLine(new DlqCommand(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()))));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            if (!line.isEmpty()) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        return lines;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private static void createTopic(String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }

    /** A dead letter as the processor writes it: the original key and value, the reason and source in headers. */
    private static void deadLetter(String topic, int second, String key, byte[] value, String reason, String message,
                                   String sourceTopic, String sourcePartition, String sourceOffset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        headers.add(DeadLetterHeaders.MESSAGE, utf8(message));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(sourcePartition));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(sourceOffset));
        producer.send(new ProducerRecord<>(topic, 0, AT.plusSeconds(second).toEpochMilli(),
                key == null ? null : utf8(key), value, headers));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
