package com.pricefeed.database;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A password in DATABASE_URL's query string or in DATABASE_PASSWORD shows in no log line and no error, failed or not. */
class SecretsStayOutOfMessagesIT {

    private static final String SECRET = "not-for-logs-7f3a";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void captureLogs() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
    }

    @Test
    void shouldLogNoSecretWhileCreatingAndMigratingADatabase() {
        try (TestDatabase database = TestDatabase.create()) {
            database.close();
            DatabaseSchema.prepare(withSecrets(database.config(), database.config().user()));
        }

        assertThat(logs.list).isNotEmpty();
        assertThat(logged()).doesNotContain(SECRET);
    }

    /* The API's read-only role cannot apply V13 where there is a function for it to change. */
    @Test
    void shouldSayInOneLineWithoutSecretsWhyTheMigrationFailed() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            Flyway.configure().dataSource(database.config().url(), database.config().user(), database.config().password())
                    .locations("classpath:db/migration").target("12").load().migrate();
            try (Connection owner = database.connect(); Statement statement = owner.createStatement()) {
                statement.execute("CREATE FUNCTION maintain() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'");
            }

            Throwable failure = catchThrowable(() -> DatabaseSchema.prepare(withSecrets(database.config(), Roles.PRICE_API)));

            assertThat(failure).hasMessage("Cannot migrate " + database.config().url() + "?password=**** as price_api: "
                    + "ERROR: cannot execute REVOKE in a read-only transaction (SQL state 25006)");
            assertThat(stackTrace(failure)).doesNotContain(SECRET);
        }
        assertThat(logged()).doesNotContain(SECRET);
    }

    @Test
    void shouldSayInOneLineWithoutSecretsThatTheServerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseConfig nowhere = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + closedPort + "/prices?connectTimeout=2",
                "postgres", "");

        Throwable failure = catchThrowable(() -> DatabaseSchema.prepare(withSecrets(nowhere, "postgres")));

        assertThat(failure).hasMessageStartingWith("Cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/prices?connectTimeout=2&password=**** as postgres: ")
                .hasMessageNotContaining("\n");
        assertThat(stackTrace(failure)).doesNotContain(SECRET);
        assertThat(logged()).doesNotContain(SECRET);
    }

    /* Trust auth on the local server ignores both passwords, so they reach only the driver, Flyway and the logs. */
    private static DatabaseConfig withSecrets(DatabaseConfig config, String user) {
        String separator = config.url().contains("?") ? "&" : "?";
        return new DatabaseConfig(config.url() + separator + "password=" + SECRET, user, SECRET);
    }

    private String logged() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
