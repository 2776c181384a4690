package com.pricefeed.api;

import com.pricefeed.database.DatabaseSchema;
import com.pricefeed.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePoolIT {

    @Test
    void shouldRefuseEveryWriteThroughTheApisPool() throws SQLException {
        try (TestDatabase database = TestDatabase.create()) {
            DatabaseSchema.prepare(database.config());
            try (HikariDataSource pool = DatabasePool.open(ApiConfig.local(database.config()), new SimpleMeterRegistry());
                 Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement()) {
                for (String write : new String[]{
                        "INSERT INTO market_data_providers (code, display_name) VALUES ('x', 'X')",
                        "DELETE FROM realtime_symbols",
                        "DROP TABLE realtime_symbols",
                        "CREATE TABLE sneaky (id int)"}) {
                    assertThatThrownBy(() -> statement.execute(write)).as(write)
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo("25006"));
                }
            }
            try (Connection check = database.connect(); Statement statement = check.createStatement()) {
                var rows = statement.executeQuery("SELECT count(*) FROM market_data_providers");
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }
}
