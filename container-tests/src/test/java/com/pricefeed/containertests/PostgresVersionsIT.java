package com.pricefeed.containertests;

import com.pricefeed.api.candles.CandleRepository;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.database.DatabaseSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The migrations, the query API's read-only role (V3) and the sink's writer role (V12) on each PostgreSQL major
 * version this project meets: 13,
 * whose schema public still lets every role create objects, 15 (Debian bookworm's, the local server of the other
 * tests) and 17, each from the stand-in images of Debian's packages. One migrated server per version, shared by
 * the tests of that version.
 */
class PostgresVersionsIT {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String API_ROLE = "price_api";
    private static final String API_PASSWORD = "api-secret";
    private static final String SINK_ROLE = "price_sink";
    private static final String SINK_PASSWORD = "sink-secret";
    private static final Map<Integer, PostgreSQLContainer> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void buildImages() {
        StandinImages.build("postgres-13", "postgres-15", "postgres-17");
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(PostgreSQLContainer::stop);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17})
    void shouldApplyEveryMigration(int major) throws SQLException {
        try (Connection connection = connectAsOwner(major); Statement statement = connection.createStatement()) {
            assertThat(queryLong(statement, "SELECT current_setting('server_version_num')::int / 10000")).isEqualTo(major);
            assertThat(queryLong(statement, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
            assertThat(queryLong(statement, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_name IN ('realtime_symbols', 'realtime_price_history', 'market_data_providers')"))
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17})
    void shouldLetTheApiRoleReadThePriceTables(int major) throws SQLException {
        try (Connection connection = connectAsApi(major); Statement statement = connection.createStatement()) {
            for (String table : List.of("realtime_symbols", "realtime_price_history", "market_data_providers")) {
                assertThat(queryLong(statement, "SELECT count(*) FROM " + table)).as(table).isZero();
            }
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17})
    void shouldKeepTheApiRoleFromWritingTablesEvenWithReadOnlyLifted(int major) throws SQLException {
        assertEachFailsForLackOfPrivilege(major, List.of(
                "INSERT INTO market_data_providers (code, display_name) VALUES ('x', 'X')",
                "UPDATE realtime_symbols SET current_price = 1",
                "DELETE FROM realtime_price_history",
                "DROP TABLE realtime_symbols"));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17})
    void shouldKeepTheApiRoleFromCreatingObjectsInSchemaPublicEvenWithReadOnlyLifted(int major) throws SQLException {
        assertEachFailsForLackOfPrivilege(major, List.of(
                "CREATE TABLE public.sneaky (id int)",
                "CREATE VIEW public.sneaky_view AS SELECT 1 AS one",
                "CREATE SEQUENCE public.sneaky_sequence",
                "CREATE FUNCTION public.sneaky_function() RETURNS int LANGUAGE sql AS 'SELECT 1'"));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17})
    void shouldLetTheSinkRoleWriteButNeitherRemoveNorChangeTheSchema(int major) throws SQLException {
        try (Connection connection = connectAs(major, SINK_ROLE, SINK_PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO market_data_providers (code, display_name) VALUES ('v" + major + "', 'V') "
                    + "ON CONFLICT (code) DO UPDATE SET display_name = EXCLUDED.display_name");
            assertThat(queryLong(statement, "SELECT nextval('realtime_price_history_id_seq')")).isPositive();
        }
        assertEachFailsForLackOfPrivilege(major, SINK_ROLE, SINK_PASSWORD, List.of(
                "DELETE FROM market_data_providers",
                "TRUNCATE realtime_price_history",
                "DROP TABLE realtime_symbols",
                "ALTER TABLE realtime_symbols ADD COLUMN sneaky int",
                "UPDATE flyway_schema_history SET success = false",
                "CREATE TABLE public.sneaky (id int)",
                "CREATE FUNCTION public.sneaky_function() RETURNS int LANGUAGE sql AS 'SELECT 1'"));
    }

    /* What the sink runs before each batch, and the API for coarser bars: no date_bin, which PostgreSQL 13 lacks. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17})
    void shouldLetTheSinkRoleCreateTheHistoryPartitionsABatchNeedsAndTheApiRollBarsUp(int major) throws SQLException {
        try (Connection connection = connectAs(major, SINK_ROLE, SINK_PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute("SELECT price_history_cover(ARRAY[TIMESTAMPTZ '1990-03-04 05:06:07Z'], INTERVAL '1 day')");
            assertThat(queryLong(statement, "SELECT count(*) FROM price_history_partitions() "
                    + "WHERE lower_bound = TIMESTAMPTZ '1990-03-04Z' AND upper_bound = TIMESTAMPTZ '1990-03-05Z'")).isOne();
        }
        try (Connection connection = connectAsApi(major);
             PreparedStatement statement = connection.prepareStatement(CandleRepository.ROLLED_UP)) {
            statement.setString(1, "3600 seconds");
            statement.setString(2, "NONE");
            statement.setObject(3, OffsetDateTime.parse("2026-12-06T00:00:00Z"));
            statement.setObject(4, OffsetDateTime.parse("2026-12-07T00:00:00Z"));
            assertThat(statement.executeQuery().next()).isFalse();
        }
    }

    private static void assertEachFailsForLackOfPrivilege(int major, List<String> statements) throws SQLException {
        assertEachFailsForLackOfPrivilege(major, API_ROLE, API_PASSWORD, statements);
    }

    private static void assertEachFailsForLackOfPrivilege(int major, String role, String password, List<String> statements)
            throws SQLException {
        try (Connection connection = connectAs(major, role, password); Statement statement = connection.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
            for (String sql : statements) {
                assertThatExceptionOfType(SQLException.class).as(sql)
                        .isThrownBy(() -> statement.execute(sql))
                        .satisfies(e -> assertThat(e.getSQLState()).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    private static Connection connectAsOwner(int major) throws SQLException {
        PostgreSQLContainer server = migratedServer(major);
        return DriverManager.getConnection(server.getJdbcUrl(), server.getUsername(), server.getPassword());
    }

    private static Connection connectAsApi(int major) throws SQLException {
        return connectAs(major, API_ROLE, API_PASSWORD);
    }

    private static Connection connectAs(int major, String role, String password) throws SQLException {
        return DriverManager.getConnection(migratedServer(major).getJdbcUrl(), role, password);
    }

    /**
     * The server of this version, migrated by its superuser as the sink migrates, with the service roles' passwords
     * set afterwards as V3 and V12 ask a deployment to.
     */
    private static PostgreSQLContainer migratedServer(int major) {
        return SERVERS.computeIfAbsent(major, version -> {
            PostgreSQLContainer server = new PostgreSQLContainer(StandinImages.postgres(version));
            server.start();
            DatabaseSchema.prepare(new DatabaseConfig(server.getJdbcUrl(), server.getUsername(), server.getPassword()));
            try (Connection connection = DriverManager.getConnection(server.getJdbcUrl(), server.getUsername(), server.getPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER ROLE " + API_ROLE + " PASSWORD '" + API_PASSWORD + "'");
                statement.execute("ALTER ROLE " + SINK_ROLE + " PASSWORD '" + SINK_PASSWORD + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot set the passwords of " + API_ROLE + " and " + SINK_ROLE, e);
            }
            return server;
        });
    }

    private static long queryLong(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
