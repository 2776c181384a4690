package com.pricefeed.containertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.pricefeed.schemas.json.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml's whole stack — Kafka, PostgreSQL, processor, sink, API and the demo feed, in containers — fed
 * from outside as a publisher would: ticks published from this JVM through the published Kafka port come back
 * through the published API port and from PostgreSQL, each exactly once even when the sink container crashes
 * mid-stream. Each test uses a provider and symbols of its own, beside the feed's.
 */
class ComposeStackIT {

    private static final Duration WRITTEN_WITHIN = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ComposeStack stack;

    /** One tick as published: its symbol, source timestamp and price. */
    record Tick(String symbol, Instant at, BigDecimal price) {

        byte[] json(String provider) {
            return aTick().symbol(symbol).price(price.toPlainString()).at(at).provider(provider).volume(100).bytes();
        }
    }

    @BeforeAll
    static void startStack() {
        stack = ComposeStack.start();
    }

    @AfterAll
    static void removeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldServeTicksPublishedFromOutsideThroughTheApiAndStoreThemInPostgres() throws SQLException {
        List<Tick> ticks = ticks("CAPI", 3, 30);
        publish("outside-api", ticks);

        await().atMost(WRITTEN_WITHIN).until(() -> historyRows("outside-api") == ticks.size());
        for (Tick newest : newestPerSymbol(ticks)) {
            assertThat(masterPrice(newest.symbol())).as(newest.symbol()).isEqualByComparingTo(newest.price());
            // The API may serve a price up to PRICE_MAX_STALENESS behind the committed row.
            await().atMost(WRITTEN_WITHIN).untilAsserted(() -> {
                JsonNode price = getJson("/api/v1/market-data/prices/" + newest.symbol());
                assertThat(new BigDecimal(price.get("price").asText())).isEqualByComparingTo(newest.price());
                assertThat(price.get("provider").asText()).isEqualTo("outside-api");
                assertThat(Instant.parse(price.get("last_updated").asText())).isEqualTo(newest.at());
            });
        }
        Tick newest = newestPerSymbol(ticks).get(0);
        JsonNode history = getJson("/api/v1/market-data/prices/" + newest.symbol() + "/history?limit=100").get("history");
        assertThat(history).hasSize((int) ticks.stream().filter(tick -> tick.symbol().equals(newest.symbol())).count());
        assertThat(new BigDecimal(history.get(0).get("price").asText())).isEqualByComparingTo(newest.price());
    }

    @Test
    void shouldStoreEveryTickExactlyOnceWhenTheSinkContainerCrashesMidStream() throws SQLException {
        List<Tick> ticks = ticks("CRST", 20, 3000);
        Instant sinkStarted = stack.startedAt("sink");

        publish("sink-crash", ticks.subList(0, 1500));
        await().atMost(WRITTEN_WITHIN).until(() -> historyRows("sink-crash") > 0);
        assertThat(stack.crashAndRestart("sink")).isAfter(sinkStarted);
        publish("sink-crash", ticks.subList(1500, ticks.size()));

        await().atMost(WRITTEN_WITHIN).until(() -> historyRows("sink-crash") >= ticks.size());
        assertThat(historyRows("sink-crash")).isEqualTo(ticks.size());
        assertThat(distinctHistoryTicks("sink-crash")).isEqualTo(ticks.size());
        for (Tick newest : newestPerSymbol(ticks)) {
            assertThat(masterPrice(newest.symbol())).as(newest.symbol()).isEqualByComparingTo(newest.price());
        }
    }

    /** {@code count} ticks over {@code symbols} symbols named prefix0…, a millisecond apart, prices rising. */
    private static List<Tick> ticks(String prefix, int symbols, int count) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(2));
        return IntStream.range(0, count)
                .mapToObj(i -> new Tick(prefix + i % symbols, start.plusMillis(i), BigDecimal.valueOf(10_000 + i, 2)))
                .toList();
    }

    private static List<Tick> newestPerSymbol(List<Tick> ticks) {
        return ticks.subList(ticks.size() - (int) ticks.stream().map(Tick::symbol).distinct().count(), ticks.size());
    }

    private static void publish(String provider, List<Tick> ticks) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = ticks.stream()
                    .map(tick -> producer.send(new ProducerRecord<>("price-ticks", tick.symbol(), tick.json(provider))))
                    .toList();
            for (Future<RecordMetadata> record : sent) {
                record.get(1, TimeUnit.MINUTES);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Publishing to " + stack.kafkaBootstrapServers() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long historyRows(String provider) throws SQLException {
        return queryLong("""
                SELECT count(*) FROM realtime_price_history h JOIN market_data_providers p ON p.id = h.provider_id
                WHERE p.code = ?""", provider);
    }

    private static long distinctHistoryTicks(String provider) throws SQLException {
        return queryLong("""
                SELECT count(DISTINCT (h.symbol, h.source_timestamp)) FROM realtime_price_history h
                JOIN market_data_providers p ON p.id = h.provider_id WHERE p.code = ?""", provider);
    }

    private static BigDecimal masterPrice(String symbol) throws SQLException {
        try (Connection connection = stack.connectToDatabase();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT current_price FROM realtime_symbols WHERE symbol = ?")) {
            statement.setString(1, symbol);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getBigDecimal(1) : null;
            }
        }
    }

    private static long queryLong(String sql, String parameter) throws SQLException {
        try (Connection connection = stack.connectToDatabase(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static JsonNode getJson(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.api(pathAndQuery)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
