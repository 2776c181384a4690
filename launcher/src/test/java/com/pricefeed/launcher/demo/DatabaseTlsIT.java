package com.pricefeed.launcher.demo;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.database.Roles;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.testing.TlsPostgresServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.pricefeed.testing.TickBuilder.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The whole system against a PostgreSQL that accepts TLS connections only, with scram-sha-256 passwords: the sink
 * migrates as the owner and writes as price_sink, the API reads as price_api, each verifying the server's certificate
 * and host name ({@code sslmode=verify-full}) against a CA made for the run. A plain connection, an unknown CA and a
 * wrong password are refused, each with one line saying why and no secret in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseTlsIT {

    private static final String DATABASE = "prices";
    private static final String OWNER_PASSWORD = "owner-Secret-1";
    private static final String SINK_PASSWORD = "sink-Secret-2";
    private static final String API_PASSWORD = "api-Secret-3";
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(5));

    @TempDir
    static Path dataDir;

    private TlsPostgresServer server;
    private LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws SQLException {
        server = TlsPostgresServer.start(OWNER_PASSWORD);
        // As a DBA does once: the service roles, with their passwords; the migrations grant them their rights.
        try (Connection owner = DriverManager.getConnection(server.verifiedUrl("postgres"), TlsPostgresServer.SUPERUSER, OWNER_PASSWORD);
             Statement statement = owner.createStatement()) {
            statement.execute("CREATE ROLE " + Roles.PRICE_SINK + " LOGIN PASSWORD '" + SINK_PASSWORD + "'");
            statement.execute("CREATE ROLE " + Roles.PRICE_API + " LOGIN PASSWORD '" + API_PASSWORD + "'");
        }
        stack = LocalStack.start(new DemoConfig(0, dataDir, false), Map.ofEntries(
                Map.entry("DATABASE_URL", server.verifiedUrl(DATABASE)),
                Map.entry("DATABASE_MIGRATION_USER", TlsPostgresServer.SUPERUSER),
                Map.entry("DATABASE_MIGRATION_PASSWORD", OWNER_PASSWORD),
                Map.entry("DATABASE_USER", Roles.PRICE_SINK),
                Map.entry("DATABASE_PASSWORD", SINK_PASSWORD),
                Map.entry("API_DATABASE_USER", Roles.PRICE_API),
                Map.entry("API_DATABASE_PASSWORD", API_PASSWORD),
                Map.entry("HTTP_PORT", "0"),
                Map.entry("HTTP_HOST", "127.0.0.1"),
                Map.entry("PROCESSOR_OPS_PORT", "0"),
                Map.entry("SINK_OPS_PORT", "0"),
                Map.entry("PRICE_TICKS_PARTITIONS", "1")));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldCarryTicksToPostgresAndTheApiOverVerifiedTlsAsEachServicesOwnRole() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("price-ticks", "AAPL", aTick().symbol("AAPL").price("189.2300").at(T0).bytes())).get();
            producer.send(new ProducerRecord<>("price-ticks", "AAPL", aTick().symbol("AAPL").price("190.0100").at(T0.plusSeconds(1)).bytes())).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ownerQuery("SELECT count(*) FROM realtime_price_history WHERE symbol = 'AAPL'")).containsExactly("2"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> price = get("/api/v1/market-data/prices/AAPL");
            assertThat(price.statusCode()).isEqualTo(200);
            assertThat(price.body()).contains("190.01");
        });
        assertThat(get("/api/v1/market-data/prices/AAPL/history").body()).contains("189.23", "190.01");

        // Every other connection to the database: the sink's pool, the API's pool and the API's listening connection.
        assertThat(ownerQuery("""
                SELECT a.application_name || ' ' || a.usename || ' ' || s.ssl || ' ' || s.version
                FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
                WHERE a.datname = 'prices' AND a.pid <> pg_backend_pid()"""))
                .allSatisfy(connection -> assertThat(connection)
                        .matches("(price-sink price_sink|query-api price_api|query-api-follower price_api) true TLSv1\\.[23]"))
                .anySatisfy(connection -> assertThat(connection).startsWith("price-sink "))
                .anySatisfy(connection -> assertThat(connection).startsWith("query-api "))
                .anySatisfy(connection -> assertThat(connection).startsWith("query-api-follower "));
        assertThat(ownerQuery("SELECT rolname || ' ' || left(rolpassword, 14) FROM pg_authid WHERE rolname IN ('postgres', 'price_sink', 'price_api') ORDER BY 1"))
                .containsExactly("postgres SCRAM-SHA-256$", "price_api SCRAM-SHA-256$", "price_sink SCRAM-SHA-256$");
    }

    @Test
    void shouldRefuseAConnectionWithoutTlsInOneLine() {
        String refusal = refusal(server.url(DATABASE, "sslmode=disable"), OWNER_PASSWORD);

        assertThat(refusal).startsWith("Cannot connect to " + server.url(DATABASE, "sslmode=disable") + " as postgres: ")
                .contains("no pg_hba.conf entry", "no encryption");
    }

    @Test
    void shouldRefuseAServerWhoseCertificateAnotherCaSignedInOneLine() {
        String url = server.url(DATABASE, "sslmode=verify-full&sslrootcert=" + server.otherCaCertificate());

        assertThat(refusal(url, OWNER_PASSWORD)).startsWith("Cannot connect to " + url + " as postgres: SSL error: ")
                .endsWith("(check that DATABASE_URL's sslrootcert is the CA that signed the server's certificate, "
                        + "and that the certificate names the host in DATABASE_URL)");
    }

    @Test
    void shouldRefuseAWrongPasswordInOneLine() {
        assertThat(refusal(server.verifiedUrl(DATABASE), "not-the-" + OWNER_PASSWORD))
                .contains("password authentication failed for user \"postgres\"");
    }

    /* What the sink says (in its log and on /health/ready) when it cannot reach the database as configured. */
    private String refusal(String url, String password) {
        Throwable failure = catchThrowable(() -> DatabaseSchema.prepare(new DatabaseConfig(url, TlsPostgresServer.SUPERUSER, password)));
        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain(password);
        return failure.getMessage();
    }

    private List<String> ownerQuery(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection owner = DriverManager.getConnection(server.verifiedUrl(DATABASE), TlsPostgresServer.SUPERUSER, OWNER_PASSWORD);
             Statement statement = owner.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.apiPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
