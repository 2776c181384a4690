package com.pricefeed.sink.jdbc;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * JDBC arrays for {@code unnest(?::…[])} statements: one bound array per column instead of one bind per row.
 * Decimals travel as their plain string and instants as ISO-8601, so values arrive exactly as they are in Java.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static <T> Array texts(Connection connection, List<T> rows, Function<T, String> column) throws SQLException {
        return connection.createArrayOf("varchar", rows.stream().map(column).toArray(String[]::new));
    }

    public static <T> Array longs(Connection connection, List<T> rows, Function<T, Long> column) throws SQLException {
        return connection.createArrayOf("int8", rows.stream().map(column).toArray(Long[]::new));
    }

    public static <T> Array ints(Connection connection, List<T> rows, Function<T, Integer> column) throws SQLException {
        return connection.createArrayOf("int4", rows.stream().map(column).toArray(Integer[]::new));
    }

    public static <T> Array decimals(Connection connection, List<T> rows, Function<T, BigDecimal> column) throws SQLException {
        return connection.createArrayOf("numeric", rows.stream().map(column)
                .map(value -> value == null ? null : value.toPlainString()).toArray(String[]::new));
    }

    public static <T> Array instants(Connection connection, List<T> rows, Function<T, Instant> column) throws SQLException {
        return connection.createArrayOf("timestamptz", rows.stream().map(column)
                .map(value -> value == null ? null : value.toString()).toArray(String[]::new));
    }
}
