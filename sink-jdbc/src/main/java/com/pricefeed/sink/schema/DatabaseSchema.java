package com.pricefeed.sink.schema;

import com.pricefeed.platform.config.DatabaseConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Brings the database to the schema this sink writes: creates the database when missing, then migrates it. */
public final class DatabaseSchema {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSchema.class);
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern DATABASE_NAME = Pattern.compile("^jdbc:postgresql://([^/?]*)/([^/?]+)(\\?.*)?$");

    private DatabaseSchema() {
    }

    /** Creates the database named by {@code config.url()} unless it exists, then applies every pending migration. */
    public static void prepare(DatabaseConfig config) {
        createDatabaseIfMissing(config);
        migrate(config);
    }

    public static void migrate(DatabaseConfig config) {
        var result = Flyway.configure()
                .dataSource(config.url(), config.user(), config.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Applied {} migration(s); schema is at version {}", result.migrationsExecuted, result.targetSchemaVersion);
        }
    }

    static void createDatabaseIfMissing(DatabaseConfig config) {
        try (Connection ignored = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot connect to " + config.url() + ": " + e.getMessage(), e);
            }
        }
        Matcher matcher = DATABASE_NAME.matcher(config.url());
        if (!matcher.matches()) {
            throw new IllegalStateException("DATABASE_URL names no database: " + config.url());
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
                throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }

}
