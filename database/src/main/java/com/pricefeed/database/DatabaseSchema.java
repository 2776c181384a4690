package com.pricefeed.database;

import com.pricefeed.platform.config.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema both services rely on: {@link #prepare} brings a database to it (the sink, its only writer, does this
 * at start), {@link #verify} tells whether a database is there yet (cheap enough for a readiness probe).
 */
public final class DatabaseSchema {

    /** The version this build's migrations bring a database to: the highest {@code V<n>__} in {@code db/migration}. */
    public static final int VERSION = 17;

    private static final Logger log = LoggerFactory.getLogger(DatabaseSchema.class);
    private static final String MIGRATIONS = "classpath:db/migration";
    private static final String HISTORY = """
            SELECT count(*) FILTER (WHERE NOT success) AS failed,
                   max(version::numeric) FILTER (WHERE success) AS version
              FROM flyway_schema_history""";
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern FLYWAY_MESSAGE = Pattern.compile("(?m)^Message\\s*:\\s*(.+)$");
    private static final Pattern FLYWAY_SQL_STATE = Pattern.compile("(?m)^SQL State\\s*:\\s*(\\S+)");
    private static final Pattern FOREIGN_ROUTINE = Pattern.compile("permission denied for (function|procedure|routine) ");
    private static final Pattern DATABASE_NAME = Pattern.compile("^jdbc:postgresql://([^/?]*)/([^/?]+)(\\?.*)?$");

    private DatabaseSchema() {
    }

    /** Creates the database named by {@code config.url()} unless it exists, then applies every pending migration. */
    public static void prepare(DatabaseConfig config) {
        createDatabaseIfMissing(config);
        migrate(config);
    }

    public static void migrate(DatabaseConfig config) {
        MigrateResult result;
        try {
            result = Flyway.configure()
                    .dataSource(config.url(), config.user(), config.password())
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            String reason = flywayReason(e.getMessage(), config);
            throw new IllegalStateException("Cannot migrate " + config.redactedUrl() + " as " + config.user() + ": "
                    + reason + foreignRoutineHint(reason), e);
        }
        if (result.migrationsExecuted > 0) {
            log.info("Applied {} migration(s); schema is at version {}", result.migrationsExecuted, result.targetSchemaVersion);
        }
    }

    /**
     * Why the database cannot serve this build, or empty when it can: no migration failed and every one up to
     * {@link #VERSION} is applied. A newer schema passes, so an older instance keeps serving during an upgrade.
     */
    public static Optional<String> verify(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HISTORY);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            if (rows.getLong("failed") > 0) {
                return Optional.of("a database migration failed");
            }
            int version = rows.getInt("version");
            if (version == 0) {
                return Optional.of("database migrations not applied yet");
            }
            return version < VERSION
                    ? Optional.of("database schema at version " + version + ", this build needs " + VERSION)
                    : Optional.empty();
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.of("database migrations not applied yet");
            }
            throw e;
        }
    }

    static void createDatabaseIfMissing(DatabaseConfig config) {
        try (Connection ignored = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot connect to " + config.redactedUrl() + " as " + config.user() + ": "
                        + oneLine(e.getMessage()) + tlsHint(e.getMessage()), e);
            }
        }
        Matcher matcher = DATABASE_NAME.matcher(config.url());
        if (!matcher.matches()) {
            throw new IllegalStateException("DATABASE_URL names no database: " + config.redactedUrl());
        }
        String database = matcher.group(2);
        String maintenanceUrl = "jdbc:postgresql://" + matcher.group(1) + "/postgres" + (matcher.group(3) == null ? "" : matcher.group(3));
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, config.user(), config.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            log.info("Created database {}", database);
        } catch (SQLException e) {
            // Another instance may have created it a moment ago.
            if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create database " + database + " as " + config.user() + ": "
                        + oneLine(e.getMessage()), e);
            }
        }
    }

    /** Flyway's report in one line: the server's message and SQL state where it gives them. */
    private static String flywayReason(String report, DatabaseConfig config) {
        String text = report == null ? "" : report.replace(config.url(), config.redactedUrl());
        Matcher message = FLYWAY_MESSAGE.matcher(text);
        Matcher state = FLYWAY_SQL_STATE.matcher(text);
        if (!message.find()) {
            return oneLine(text);
        }
        return message.group(1).strip() + (state.find() ? " (SQL state " + state.group(1) + ")" : "");
    }

    /**
     * V12 grants the writer EXECUTE on every routine in schema public; PostgreSQL refuses that to an owner who has no
     * right at all on one of them, which happens when an extension whose functions are not PUBLIC (pg_stat_statements,
     * say) was installed in public, e.g. through template1.
     */
    private static String foreignRoutineHint(String reason) {
        return FOREIGN_ROUTINE.matcher(reason).find()
                ? " (a routine in schema public that this role has no right on, likely an extension's: move the "
                + "extension to a schema of its own; see "
                + "docs/database-security.md#production-setup)"
                : "";
    }

    /** What to check when the driver could not verify the server (pgJDBC says "SSL error: …" then Java's reason). */
    private static String tlsHint(String message) {
        return message != null && message.startsWith("SSL error")
                ? " (check that DATABASE_URL's sslrootcert is the CA that signed the server's certificate, and that the "
                + "certificate names the host in DATABASE_URL)"
                : "";
    }

    /** PostgreSQL's messages may add a hint or a detail on lines of their own: one line reads better in a log or a probe. */
    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
