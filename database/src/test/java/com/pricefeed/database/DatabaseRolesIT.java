package com.pricefeed.database;

import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.testing.TestDatabase;
import com.pricefeed.testing.TestDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the sink's role (price_sink, V12) and the API's role (price_api, V3) may do on a migrated database: the writer
 * exactly the pipeline's writes, the reader only reads; neither owns, creates, drops, truncates or alters anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRolesIT {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** The kinds of statement the sink runs, on every table it writes (its own SQL is in sink-jdbc). */
    private static final List<String> PIPELINE_WRITES = List.of(
            "INSERT INTO market_data_providers (code, display_name) VALUES ('polygon', 'Polygon.io') ON CONFLICT (code) DO NOTHING",
            "SELECT setval('realtime_price_history_id_seq', GREATEST((SELECT last_value FROM realtime_price_history_id_seq), "
                    + "(SELECT COALESCE(max(id), 0) FROM realtime_price_history)))",
            // The partitions of the rows below: the sink creates them before each batch (no default partition, V15).
            "SELECT price_history_cover(ARRAY[now(), '2026-11-24T14:30:00Z']::timestamptz[], '1 day')",
            """
            INSERT INTO realtime_price_history (id, symbol, price, volume, source_timestamp, fetched_at, provider_id)
            SELECT nextval('realtime_price_history_id_seq'), 'AAPL', 189.23, 100, now(), now(), id
            FROM market_data_providers WHERE code = 'polygon'""",
            """
            INSERT INTO realtime_symbols AS rs (symbol, current_price, last_updated, provider_id, latest_history_id)
            SELECT symbol, price, source_timestamp, provider_id, id FROM realtime_price_history WHERE symbol = 'AAPL'
            ON CONFLICT (symbol) DO UPDATE SET current_price = EXCLUDED.current_price, updated_at = now()
            WHERE rs.last_updated <= EXCLUDED.last_updated""",
            "UPDATE realtime_symbols SET delisted_at = now(), updated_at = now() WHERE symbol = 'AAPL' AND last_updated <= now()",
            """
            INSERT INTO sink_offsets AS so (consumer_group, topic, kafka_partition, next_offset, topic_id)
            VALUES ('price-sink', 'price-history', 0, 2, gen_random_uuid())
            ON CONFLICT (consumer_group, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset""",
            "UPDATE sink_offsets SET next_offset = 3, updated_at = now() WHERE consumer_group = 'price-sink' AND next_offset = 2",
            """
            INSERT INTO sink_rejected_records (consumer_group, topic, kafka_partition, kafka_offset, record_key, record_value, error)
            VALUES ('price-sink', 'price-history', 0, 1, 'AAPL', '\\x00', 'test') ON CONFLICT DO NOTHING""",
            "SELECT pg_notify('" + Channels.REALTIME_SYMBOLS_CHANGED + "', 'symbols:AAPL')",
            "SELECT max(version::numeric) FROM flyway_schema_history");
    /** What no service role may do: change the schema, or remove rows. */
    private static final List<String> FORBIDDEN_TO_BOTH = List.of(
            "CREATE TABLE sneaky (id int)",
            "CREATE VIEW sneaky AS SELECT 1 AS one",
            "CREATE SEQUENCE sneaky",
            "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE INDEX sneaky ON realtime_symbols (company_name)",
            "ALTER TABLE realtime_symbols ADD COLUMN sneaky int",
            "DROP TABLE sink_rejected_records",
            "TRUNCATE realtime_price_history",
            "DELETE FROM realtime_symbols",
            "DELETE FROM flyway_schema_history",
            "UPDATE flyway_schema_history SET success = false",
            "INSERT INTO flyway_schema_history (installed_rank, description, type, script, installed_by, execution_time, success) "
                    + "VALUES (999, 'x', 'SQL', 'x', 'x', 0, true)",
            "ALTER SEQUENCE realtime_price_history_id_seq RESTART WITH 1",
            "CREATE SCHEMA sneaky");

    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();

    @BeforeAll
    void migrate() {
        DatabaseSchema.prepare(database.config());
    }

    @Test
    void shouldLetTheSinksRoleDoEveryWriteOfThePipeline() throws Exception {
        try (Connection sink = connectAs(database.database(), Roles.PRICE_SINK); Statement statement = sink.createStatement()) {
            for (String write : PIPELINE_WRITES) {
                statement.execute(write);
            }
            long copied = ((PGConnection) sink).getCopyAPI().copyIn(
                    "COPY realtime_price_history (id, symbol, price, source_timestamp, fetched_at, provider_id) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(("1000,MSFT,401.5,2026-11-24T14:30:00Z,2026-11-24T14:30:01Z,"
                            + providerId(statement) + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(copied).isEqualTo(1);
        }

        assertThat(count("SELECT count(*) FROM realtime_price_history")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM realtime_symbols rs JOIN realtime_price_history h ON h.id = rs.latest_history_id")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM realtime_symbols WHERE delisted_at IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT next_offset FROM sink_offsets")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM sink_rejected_records")).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSinksRoleEverySchemaChangeAndEveryRemoval() throws SQLException {
        assertRefused(Roles.PRICE_SINK, false);
    }

    @Test
    void shouldRefuseTheApisRoleEveryWriteEvenWhenItLiftsReadOnly() throws SQLException {
        assertRefused(Roles.PRICE_API, true);
        try (Connection api = connectAs(database.database(), Roles.PRICE_API); Statement statement = api.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
            for (String write : PIPELINE_WRITES.subList(0, PIPELINE_WRITES.size() - 2)) {
                assertThatThrownBy(() -> statement.execute(write)).as(write).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void shouldGiveNeitherServiceRoleOwnershipOrRoleAdministration() throws SQLException {
        for (String role : List.of(Roles.PRICE_SINK, Roles.PRICE_API, Roles.PRICES_WRITER, Roles.PRICES_READER)) {
            assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = '" + role
                    + "' AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)")).as(role).isZero();
            assertThat(count("SELECT count(*) FROM pg_class WHERE relowner = '" + role + "'::regrole")).as(role).isZero();
        }
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'prices_writer' AND NOT rolcanlogin")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_auth_members WHERE roleid = 'prices_writer'::regrole "
                + "AND member = 'price_sink'::regrole")).isEqualTo(1);
    }

    @Test
    @DisplayName("a database created before PostgreSQL 15, where PUBLIC may create in schema public, is locked down too")
    void shouldTakeCreateOnSchemaPublicAwayFromEveryRoleOfAnOldDefaultDatabase() throws SQLException {
        try (TestDatabase old = TestDatabase.create()) {
            try (Connection owner = old.connect(); Statement statement = owner.createStatement()) {
                statement.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
            }
            DatabaseSchema.prepare(old.config());

            for (String role : List.of(Roles.PRICE_SINK, Roles.PRICE_API)) {
                try (Connection connection = connectAs(old, role); Statement statement = connection.createStatement()) {
                    statement.execute("SET default_transaction_read_only = off");
                    assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (id int)")).as(role)
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
                }
            }
        }
    }

    @Test
    void shouldLetOnlyTheWriterExecuteSecurityDefinerRoutinesThatEarlierMigrationsCreated() throws SQLException {
        try (TestDatabase partial = TestDatabase.create()) {
            Flyway.configure().dataSource(partial.config().url(), partial.config().user(), partial.config().password())
                    .locations("classpath:db/migration").target("12").load().migrate();
            try (Connection owner = partial.connect(); Statement statement = owner.createStatement()) {
                statement.execute("CREATE FUNCTION maintain() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'");
            }
            DatabaseSchema.prepare(partial.config());

            try (Connection sink = connectAs(partial, Roles.PRICE_SINK); Statement statement = sink.createStatement();
                 ResultSet result = statement.executeQuery("SELECT maintain()")) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(1);
            }
            try (Connection api = connectAs(partial, Roles.PRICE_API); Statement statement = api.createStatement()) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT maintain()")).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    @DisplayName("an owner role that is not a superuser and may not create roles migrates, once a DBA made the service roles")
    void shouldMigrateAsANonSuperuserOwnerAndLeaveTheServiceRolesTheirRights() throws SQLException {
        String owner = "prices_owner_" + Long.toHexString(System.nanoTime());
        try (TestDatabase bootstrap = TestDatabase.create()) {
            try (Connection superuser = bootstrap.connect(); Statement statement = superuser.createStatement()) {
                statement.execute("CREATE ROLE " + owner + " LOGIN");
                statement.execute("CREATE DATABASE " + owner + " OWNER " + owner);
            }
            try {
                String url = bootstrap.config().url().replace(bootstrap.name(), owner);
                DatabaseSchema.prepare(new DatabaseConfig(url, owner, ""));

                try (Connection sink = DriverManager.getConnection(url, Roles.PRICE_SINK, "");
                     Statement statement = sink.createStatement()) {
                    statement.execute(PIPELINE_WRITES.get(0));
                    assertThatThrownBy(() -> statement.execute("TRUNCATE market_data_providers"))
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
                    assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (id int)"))
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
                }
                try (Connection api = DriverManager.getConnection(url, Roles.PRICE_API, "");
                     Statement statement = api.createStatement();
                     ResultSet result = statement.executeQuery("SELECT count(*) FROM market_data_providers")) {
                    result.next();
                    assertThat(result.getLong(1)).isEqualTo(1);
                }
            } finally {
                try (Connection superuser = bootstrap.connect(); Statement statement = superuser.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + owner + " WITH (FORCE)");
                    statement.execute("DROP ROLE " + owner);
                }
            }
        }
    }

    @Test
    @DisplayName("an extension with non-public functions in schema public stops a non-superuser owner with a hint, and moved away it no longer does")
    void shouldNameTheExtensionsRoutineThatAnOwnerMayNotGrantAndMigrateOnceItIsMoved() throws SQLException {
        String owner = "prices_owner_" + Long.toHexString(System.nanoTime());
        try (TestDatabase bootstrap = TestDatabase.create()) {
            String url = bootstrap.config().url().replace(bootstrap.name(), owner);
            try (Connection superuser = bootstrap.connect(); Statement statement = superuser.createStatement()) {
                statement.execute("CREATE ROLE " + owner + " LOGIN");
                statement.execute("CREATE DATABASE " + owner + " OWNER " + owner);
            }
            try {
                try (Connection superuser = DriverManager.getConnection(url, bootstrap.config().user(), bootstrap.config().password());
                     Statement statement = superuser.createStatement()) {
                    statement.execute("CREATE EXTENSION pg_stat_statements SCHEMA public");
                }
                DatabaseConfig asOwner = new DatabaseConfig(url, owner, "");
                assertThatThrownBy(() -> DatabaseSchema.prepare(asOwner))
                        .hasMessageContaining("permission denied for function pg_stat_statements_reset")
                        .hasMessageContaining("move the extension to a schema of its own");

                try (Connection superuser = DriverManager.getConnection(url, bootstrap.config().user(), bootstrap.config().password());
                     Statement statement = superuser.createStatement()) {
                    statement.execute("CREATE SCHEMA monitoring");
                    statement.execute("ALTER EXTENSION pg_stat_statements SET SCHEMA monitoring");
                }
                DatabaseSchema.prepare(asOwner);
                try (Connection connection = DriverManager.getConnection(url, owner, "")) {
                    assertThat(DatabaseSchema.verify(connection)).isEmpty();
                }
            } finally {
                try (Connection superuser = bootstrap.connect(); Statement statement = superuser.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + owner + " WITH (FORCE)");
                    statement.execute("DROP ROLE " + owner);
                }
            }
        }
    }

    /* Guards later migrations: a SECURITY DEFINER routine runs with the owner's rights, so the API must not reach one. */
    @Test
    void shouldLeaveNoSecurityDefinerRoutineExecutableByTheApisRole() throws SQLException {
        assertThat(count("""
                SELECT count(*) FROM pg_proc
                WHERE pronamespace = 'public'::regnamespace AND prosecdef
                  AND has_function_privilege('price_api', oid, 'EXECUTE')""")).isZero();
    }

    private void assertRefused(String role, boolean liftReadOnly) throws SQLException {
        try (Connection connection = connectAs(database.database(), role); Statement statement = connection.createStatement()) {
            if (liftReadOnly) {
                statement.execute("SET default_transaction_read_only = off");
            }
            for (String statementText : FORBIDDEN_TO_BOTH) {
                assertThatThrownBy(() -> statement.execute(statementText)).as("%s: %s", role, statementText)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'sneaky'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_proc WHERE proname = 'sneaky'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'sneaky'")).isZero();
        assertThat(count("SELECT max(version::int) FROM flyway_schema_history WHERE success")).isEqualTo(DatabaseSchema.VERSION);
    }

    private static Connection connectAs(TestDatabase target, String role) throws SQLException {
        return DriverManager.getConnection(target.config().url(), role, "");
    }

    private static long providerId(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT id FROM market_data_providers WHERE code = 'polygon'")) {
            result.next();
            return result.getLong(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
