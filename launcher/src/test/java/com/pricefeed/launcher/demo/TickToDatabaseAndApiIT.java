package com.pricefeed.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.SymbolDelisting;
import com.pricefeed.schemas.json.Json;
import com.pricefeed.schemas.topic.Topic;
import com.pricefeed.schemas.topic.Topics;
import com.pricefeed.testing.TestDatabaseExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking skeleton end to end: a tick on price-ticks reaches both tables and the API, on a real broker and PostgreSQL. */
class TickToDatabaseAndApiIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();
    private static LocalStack stack;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(new DemoConfig(0, dataDir, false), Map.of(
                "DATABASE_URL", database.config().url(),
                "DATABASE_USER", database.config().user(),
                "HTTP_PORT", "0",
                "HTTP_HOST", "127.0.0.1",
                "PROCESSOR_OPS_PORT", "0",
                "SINK_OPS_PORT", "0",
                "PRICE_TICKS_PARTITIONS", "2"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldCarryTicksToBothTablesAndTheApiWithTheMasterPointingAtTheNewestTick() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("price-ticks", "AAPL", aTick().symbol("AAPL").price("189.2300")
                    .at(T0.plusSeconds(2)).provider("polygon").companyName("Apple Inc.").bytes())).get();
            producer.send(new ProducerRecord<>("price-ticks", null, aTick().symbol(" aapl ").price("150.5")
                    .at(T0.plusSeconds(1)).provider("IEX").bytes())).get();
            producer.send(new ProducerRecord<>("price-ticks", "MSFT", aTick().symbol("MSFT").price("415.1")
                    .at(T0).provider("iex").volume(1200).bytes())).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol IN ('AAPL', 'MSFT')")).isEqualTo(3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM realtime_symbols WHERE symbol IN ('AAPL', 'MSFT')")).isEqualTo(2));

        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT s.current_price, s.last_updated, s.company_name, p.code, h.price, h.source_timestamp
                     FROM realtime_symbols s
                     JOIN realtime_price_history h ON h.id = s.latest_history_id
                     JOIN market_data_providers p ON p.id = s.provider_id
                     WHERE s.symbol = 'AAPL'""")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBigDecimal("current_price")).isEqualByComparingTo(new BigDecimal("189.2300"));
            assertThat(row.getTimestamp("last_updated").toInstant()).isEqualTo(T0.plusSeconds(2));
            assertThat(row.getString("company_name")).isEqualTo("Apple Inc.");
            assertThat(row.getString("code")).isEqualTo("polygon");
            assertThat(row.getBigDecimal("price")).isEqualByComparingTo(new BigDecimal("189.2300"));
            assertThat(row.getTimestamp("source_timestamp").toInstant()).isEqualTo(T0.plusSeconds(2));
        }
        assertThat(count("SELECT count(*) FROM realtime_price_history WHERE symbol = 'AAPL' AND price = 150.5000")).isEqualTo(1);

        // The API may lag the committed row by PRICE_MAX_STALENESS (2 s by default), never more.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> single = get("/api/v1/market-data/prices/aapl");
            assertThat(single.statusCode()).isEqualTo(200);
            JsonNode price = Json.mapper().readTree(single.body());
            assertThat(price.get("symbol").asText()).isEqualTo("AAPL");
            assertThat(new BigDecimal(price.get("price").asText())).isEqualByComparingTo("189.23");
            assertThat(Instant.parse(price.get("last_updated").asText())).isEqualTo(T0.plusSeconds(2));
            assertThat(price.get("company_name").asText()).isEqualTo("Apple Inc.");
            assertThat(price.get("provider").asText()).isEqualTo("polygon");
            assertThat(price.get("volume").asLong()).isEqualTo(51234567L);
        });

        HttpResponse<String> bulk = get("/api/v1/market-data/prices?symbols=AAPL,MSFT,NOPE");
        assertThat(bulk.statusCode()).isEqualTo(200);
        assertThat(bulk.body()).contains("\"MSFT\"").contains("NOPE");

        assertThat(get("/api/v1/market-data/prices/NOPE").statusCode()).isEqualTo(404);
    }

    /**
     * The sink's half of delisting, end to end from price-history: a SymbolDelisting as the processor writes it
     * (produced here with the topic's own serde, directly) marks the master row, and the API answers the last price
     * with "status":"delisted"; a newer tick through the processor relists the symbol.
     */
    @Test
    void shouldAnswerADelistedSymbolsLastPriceOnceTheSinkWroteItsDelisting() throws Exception {
        try (var ticks = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ticks.send(new ProducerRecord<>("price-ticks", "ACME", aTick().symbol("ACME").price("12.5")
                    .at(T0).provider("nasdaq").bytes())).get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(count("SELECT count(*) FROM realtime_symbols WHERE symbol = 'ACME'")).isEqualTo(1));
            long link = count("SELECT latest_history_id FROM realtime_symbols WHERE symbol = 'ACME'");

            Topic<String, HistoryEvent> history = Topics.priceHistory("price-history");
            try (var events = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    history.keySerde().serializer(), history.valueSerde().serializer())) {
                events.send(new ProducerRecord<>(history.name(), "ACME",
                        new SymbolDelisting("ACME", T0.plusSeconds(30), "nasdaq", Instant.now()))).get();
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count(
                    "SELECT count(*) FROM realtime_symbols WHERE symbol = 'ACME' AND delisted_at IS NOT NULL")).isEqualTo(1));
            assertThat(count("SELECT latest_history_id FROM realtime_symbols WHERE symbol = 'ACME'")).isEqualTo(link);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                HttpResponse<String> single = get("/api/v1/market-data/prices/ACME");
                assertThat(single.statusCode()).isEqualTo(200);
                JsonNode price = Json.mapper().readTree(single.body());
                assertThat(price.get("status").asText()).isEqualTo("delisted");
                assertThat(Instant.parse(price.get("delisted_at").asText())).isEqualTo(T0.plusSeconds(30));
                assertThat(new BigDecimal(price.get("price").asText())).isEqualByComparingTo("12.5");
                assertThat(price.get("latest_history_id").asLong()).isEqualTo(link);
            });

            ticks.send(new ProducerRecord<>("price-ticks", "ACME", aTick().symbol("ACME").price("13")
                    .at(T0.plusSeconds(60)).provider("nasdaq").bytes())).get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode price = Json.mapper().readTree(get("/api/v1/market-data/prices/ACME").body());
                assertThat(price.get("status").asText()).isEqualTo("listed");
                assertThat(price.get("delisted_at").isNull()).isTrue();
                assertThat(new BigDecimal(price.get("price").asText())).isEqualByComparingTo("13");
            });
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.apiPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
