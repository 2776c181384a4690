package com.pricefeed.api;

import com.pricefeed.api.support.PriceRows;
import com.pricefeed.api.support.RunningApi;
import com.pricefeed.platform.config.DatabaseConfig;
import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.testing.TestDatabase;
import com.pricefeed.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static com.pricefeed.api.support.PriceRows.aTick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's database role, created by the sink's migration V3, as the API connects with it: it can only read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyRoleIT {

    private static final String READ_ONLY_TRANSACTION = "25006";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final List<String> WRITES = List.of(
            "INSERT INTO market_data_providers (code, display_name) VALUES ('x', 'X')",
            "UPDATE realtime_symbols SET current_price = 1",
            "DELETE FROM realtime_price_history",
            "TRUNCATE sink_offsets",
            "CREATE TABLE sneaky (id int)",
            "DROP TABLE realtime_symbols");

    @RegisterExtension
    static final TestDatabaseExtension database = new TestDatabaseExtension();
    private PriceRows rows;

    @BeforeAll
    void migrate() {
        DatabaseSchema.prepare(database.config());
        rows = new PriceRows(database.database());
        rows.insert(aTick("AAPL", "189.23", Instant.parse("2026-11-24T14:30:00Z")));
    }

    @Test
    void shouldReadEveryTableTheApiReads() throws SQLException {
        try (Connection connection = connectAsApi(); Statement statement = connection.createStatement()) {
            for (String table : List.of("realtime_symbols", "realtime_price_history", "market_data_providers",
                    "flyway_schema_history")) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    assertThat(result.getLong(1)).as(table).isPositive();
                }
            }
        }
    }

    @Test
    void shouldStartEverySessionReadOnly() throws SQLException {
        try (Connection connection = connectAsApi(); Statement statement = connection.createStatement()) {
            for (String write : WRITES) {
                assertThatThrownBy(() -> statement.execute(write)).as(write)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(READ_ONLY_TRANSACTION));
            }
        }
        assertTablesUntouched();
    }

    @Test
    void shouldLackTheWritePrivilegesEvenWhenASessionLiftsReadOnly() throws SQLException {
        try (Connection connection = connectAsApi(); Statement statement = connection.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
            for (String write : WRITES) {
                assertThatThrownBy(() -> statement.execute(write)).as(write)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
        assertTablesUntouched();
    }

    @Test
    void shouldGrantTheSameRoleOnEveryMigratedDatabaseOfTheCluster() throws SQLException {
        try (TestDatabase second = TestDatabase.create()) {
            DatabaseSchema.prepare(second.config());
            DatabaseConfig api = RunningApi.apiRole(second);
            try (Connection connection = DriverManager.getConnection(api.url(), api.user(), api.password());
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(*) FROM realtime_symbols")) {
                result.next();
                assertThat(result.getLong(1)).isZero();
            }
        }
    }

    private Connection connectAsApi() throws SQLException {
        DatabaseConfig api = RunningApi.apiRole(database.database());
        return DriverManager.getConnection(api.url(), api.user(), api.password());
    }

    private void assertTablesUntouched() {
        assertThat(rows.count("market_data_providers")).isEqualTo(1);
        assertThat(rows.count("realtime_symbols")).isEqualTo(1);
        assertThat(rows.count("realtime_price_history")).isEqualTo(1);
    }
}
