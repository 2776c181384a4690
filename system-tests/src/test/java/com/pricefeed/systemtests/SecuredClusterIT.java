package com.pricefeed.systemtests;

import com.pricefeed.kafka.embedded.EmbeddedKafkaBroker;
import com.pricefeed.kafka.embedded.Secured;
import com.pricefeed.launcher.cli.Commands;
import com.pricefeed.launcher.feed.FeedConfig;
import com.pricefeed.launcher.feed.SyntheticFeed;
import com.pricefeed.platform.config.Env;
import com.pricefeed.testing.TestDatabaseExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline against a broker secured as a company cluster is: a {@code SASL_SSL} listener (SCRAM-SHA-512,
 * TLS material made by the test), {@code StandardAuthorizer} allowing nothing no ACL allows, and one principal per
 * service holding exactly the ACLs of {@link ServiceAcls}, the table of docs/security.md. A principal short of one ACL
 * and a wrong password each stop their service with one line saying what is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredClusterIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String DENIED_APPLICATION = "denied-processor";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();

    private final Map<String, String> passwords = new HashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private Secured secured;
    private EmbeddedKafkaBroker broker;
    private int apiPort;

    @BeforeAll
    void startSecuredBroker() throws Exception {
        secured = TestCertificates.generate(Files.createDirectories(dir.resolve("tls")), secret(), secret());
        broker = EmbeddedKafkaBroker.startSecured(dir.resolve("kafka"), 0, secured);
        Map<String, List<ServiceAcls.Grant>> grants = new HashMap<>(ServiceAcls.defaults());
        List<ServiceAcls.Grant> shortOfTheGroup = new ArrayList<>(ServiceAcls.processor(DENIED_APPLICATION));
        shortOfTheGroup.removeIf(grant -> grant.type() == org.apache.kafka.common.resource.ResourceType.GROUP);
        grants.put("processor-without-group", shortOfTheGroup);
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(withBootstrap(secured.adminClientProperties())))) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            List<org.apache.kafka.common.acl.AclBinding> bindings = new ArrayList<>();
            grants.forEach((user, list) -> {
                passwords.put(user, secret());
                users.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), passwords.get(user)));
                bindings.addAll(ServiceAcls.bindings(user, list));
            });
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stopEverything() {
        services.forEach(service -> {
            if (service.isAlive()) {
                service.kill();
            }
        });
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldCarryTicksToBothTablesTheApiAndTheDeadLettersWithEachPrincipalsOwnAcls() throws Exception {
        ServiceProcess processor = start(ServiceProcess.Kind.PROCESSOR, "processor", processorEnv("price-processor"));
        ServiceProcess sink = start(ServiceProcess.Kind.SINK, "sink", sinkEnv(passwords.get(ServiceAcls.SINK)));
        awaitReady(processor);
        awaitReady(sink);
        ServiceProcess api = start(ServiceProcess.Kind.API, "api", apiEnv());
        awaitReady(api);

        Path ticks = Files.writeString(dir.resolve("ticks.csv"), "symbol,price,source_timestamp,provider,volume\n"
                + "SECURE,12.3400," + Instant.now().truncatedTo(ChronoUnit.MILLIS) + ",polygon,100\n"
                + "BADTICK,-1," + Instant.now().truncatedTo(ChronoUnit.MILLIS) + ",polygon,100\n");
        assertThat(cli("replay", "-b", broker.bootstrapServers(), "--command-config", commandConfig(ServiceAcls.REPLAY).toString(),
                "--as-fast-as-possible", "--send-invalid", "--no-progress", ticks.toString())).isZero();
        try (SyntheticFeed feed = new SyntheticFeed(FeedConfig.from(new Env(withFeedSettings(kafkaEnv(ServiceAcls.FEED)))),
                Clock.systemUTC(), new SplittableRandom(7)).start()) {
            await("the feed publishes").atMost(STARTUP).until(() -> feed.published() >= 10);
        }

        await("SECURE in realtime_symbols, pointing at its history row").atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                .until(() -> "12.3400".equals(masterPricePointingAtHistory("SECURE")));
        await("the feed's symbols in both tables").atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM realtime_symbols s JOIN realtime_price_history h"
                        + " ON h.id = s.latest_history_id WHERE s.symbol <> 'SECURE'") > 0);
        HttpResponse<String> price = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + apiPort + "/api/v1/market-data/prices/SECURE")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(price.statusCode()).isEqualTo(200);
        assertThat(price.body()).contains("\"symbol\":\"SECURE\"").contains("12.34");

        // The processor may commit the bad tick's dead letter a transaction after the good tick's rows.
        await("BADTICK on the dead-letter topic, read with the dlq command's own ACLs").atMost(STARTUP)
                .pollInterval(Duration.ofMillis(200)).until(() -> deadLetters().contains("BADTICK"));
        assertThat(Files.readString(processor.log())).doesNotContain(passwords.get(ServiceAcls.PROCESSOR));
        assertThat(Files.readString(sink.log())).doesNotContain(passwords.get(ServiceAcls.SINK));
    }

    @Test
    void shouldStopAProcessorShortOfOneAclNamingWhatIsMissing() throws IOException {
        Map<String, String> env = processorEnv(DENIED_APPLICATION);
        env.putAll(kafkaEnv("processor-without-group"));
        ServiceProcess processor = start(ServiceProcess.Kind.PROCESSOR, "processor-without-group", env);

        assertThat(logAfterExit(processor, 1))
                .contains("The processor stops: Kafka denied access to consumer group " + DENIED_APPLICATION
                        + " (docs/security.md lists the ACLs of each service)");
    }

    @Test
    void shouldStopASinkWithAWrongPasswordSayingSo() throws IOException {
        ServiceProcess sink = start(ServiceProcess.Kind.SINK, "sink-wrong-password", sinkEnv("not-" + passwords.get(ServiceAcls.SINK)));

        assertThat(logAfterExit(sink, 1))
                .contains("The price sink stops: Kafka refused the sign-in: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")
                .doesNotContain(passwords.get(ServiceAcls.SINK));
    }

    @Test
    void shouldRefuseAnUnknownClientPropertyAtStartNamingItAndNoSecret() throws IOException {
        Map<String, String> env = processorEnv("misspelt-processor");
        env.put("KAFKA_SASL_MECHANSIM", "PLAIN");
        ServiceProcess processor = start(ServiceProcess.Kind.PROCESSOR, "processor-misspelt", env);

        assertThat(logAfterExit(processor, 2))
                .contains("Invalid configuration: KAFKA_SASL_MECHANSIM (sasl.mechansim) is not a Kafka client property")
                .doesNotContain(passwords.get(ServiceAcls.PROCESSOR));
    }

    @Test
    void shouldEndACommandWhosePrincipalMayNotReadTheTopicWithOneLine() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(Commands.root());
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("dlq", "-b", broker.bootstrapServers(), "--command-config",
                commandConfig(ServiceAcls.FEED).toString(), "-n", "1")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: Kafka denied access to topic(s) price-ticks-dlq"
                + " (docs/security.md lists the ACLs of each service)");
    }

    /** The log of {@code service} once it has ended by itself with {@code status}. */
    private static String logAfterExit(ServiceProcess service, int status) throws IOException {
        assertThat(service.endsWithin(STARTUP)).as("%s stops (log: %s)", service, service.log()).isTrue();
        assertThat(service.exitValue()).as("exit status of %s (log: %s)", service, service.log()).isEqualTo(status);
        return Files.readString(service.log());
    }

    private Map<String, String> processorEnv(String applicationId) {
        Map<String, String> env = kafkaEnv(ServiceAcls.PROCESSOR);
        env.put("PROCESSOR_APPLICATION_ID", applicationId);
        env.put("PROCESSOR_STATE_DIR", dir.resolve("state-" + applicationId).toString());
        env.put("PRICE_TICKS_PARTITIONS", "2");
        return env;
    }

    private Map<String, String> sinkEnv(String password) {
        Map<String, String> env = kafkaEnv(ServiceAcls.SINK);
        env.put("KAFKA_SASL_JAAS_CONFIG", Secured.scramJaas(ServiceAcls.SINK, password));
        env.put("DATABASE_URL", database.config().url());
        env.put("DATABASE_USER", database.config().user());
        env.put("DATABASE_PASSWORD", database.config().password());
        env.put("SINK_RETRY_MAX_BACKOFF", "2s");
        return env;
    }

    private Map<String, String> apiEnv() {
        apiPort = Pipeline.freePort();
        return new HashMap<>(Map.of("DATABASE_URL", database.config().url(), "HTTP_HOST", "127.0.0.1",
                "HTTP_PORT", Integer.toString(apiPort)));
    }

    private static Map<String, String> withFeedSettings(Map<String, String> env) {
        env.put("FEED_RATE", "50");
        env.put("FEED_SYMBOLS", "3");
        return env;
    }

    /** The {@code KAFKA_*} variables of {@code user}: the way an operator configures a service. */
    private Map<String, String> kafkaEnv(String user) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        secured.clientProperties(user, passwords.get(user)).forEach((name, value) ->
                env.put("KAFKA_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        return env;
    }

    /** A client properties file of {@code user}, for {@code --command-config}. */
    private Path commandConfig(String user) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(secured.clientProperties(user, passwords.get(user)));
        Path file = dir.resolve(user + ".properties");
        try (var writer = Files.newBufferedWriter(file)) {
            properties.store(writer, null);
        }
        return file;
    }

    private Map<String, String> withBootstrap(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("bootstrap.servers", broker.bootstrapServers());
        return all;
    }

    private ServiceProcess start(ServiceProcess.Kind kind, String name, Map<String, String> env) {
        int port = kind == ServiceProcess.Kind.API ? apiPort : Pipeline.freePort();
        if (kind != ServiceProcess.Kind.API) {
            env.put(kind == ServiceProcess.Kind.SINK ? "SINK_OPS_PORT" : "PROCESSOR_OPS_PORT", Integer.toString(port));
        }
        ServiceProcess service = ServiceProcess.start(kind, name, env, port, dir.resolve("logs"));
        services.add(service);
        return service;
    }

    private void awaitReady(ServiceProcess service) {
        await("%s ready (log: %s)".formatted(service, service.log())).atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(service.isAlive()).as("%s is alive (log: %s)", service, service.log()).isTrue();
                    return service.ready();
                });
    }

    private String deadLetters() throws IOException {
        StringWriter out = new StringWriter();
        assertThat(cli(out, "dlq", "-b", broker.bootstrapServers(), "--command-config",
                commandConfig(ServiceAcls.DLQ).toString(), "--json", "-n", "1")).isZero();
        return out.toString();
    }

    private static int cli(String... arguments) {
        return cli(new StringWriter(), arguments);
    }

    private static int cli(StringWriter out, String... arguments) {
        CommandLine commandLine = new CommandLine(Commands.root());
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(arguments);
    }

    private String masterPricePointingAtHistory(String symbol) throws SQLException {
        try (Connection connection = database.connect();
             var statement = connection.prepareStatement("SELECT s.current_price FROM realtime_symbols s"
                     + " JOIN realtime_price_history h ON h.id = s.latest_history_id WHERE s.symbol = ?")) {
            statement.setString(1, symbol);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getBigDecimal(1).toPlainString() : null;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String secret() {
        return UUID.randomUUID().toString();
    }
}
