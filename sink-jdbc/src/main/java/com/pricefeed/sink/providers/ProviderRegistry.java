package com.pricefeed.sink.providers;

import com.pricefeed.sink.jdbc.SqlArrays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * {@code market_data_providers}: registers a provider the first time one of its ticks is written and maps codes to
 * ids. Ids are cached, but only once the transaction that saw them has committed ({@link #remember}), so a rolled
 * back registration never leaves an id in the cache that the table does not hold.
 */
public final class ProviderRegistry {

    static final String REGISTER = """
            INSERT INTO market_data_providers (code, display_name)
            SELECT * FROM unnest(?::varchar[], ?::varchar[])
            ON CONFLICT (code) DO NOTHING""";
    static final String FIND = "SELECT code, id FROM market_data_providers WHERE code = ANY(?::varchar[])";

    private final UnaryOperator<String> displayNames;
    private final Map<String, Long> cache = new ConcurrentHashMap<>();

    /** @param displayNames the display name of a provider code, for providers registered here */
    public ProviderRegistry(UnaryOperator<String> displayNames) {
        this.displayNames = displayNames;
    }

    /** The id of every code, registering the unknown ones in the caller's transaction. */
    public Map<String, Long> resolve(Connection connection, Collection<String> codes) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String code : new TreeSet<>(codes)) {
            Long id = cache.get(code);
            if (id == null) {
                unknown.add(code);
            } else {
                ids.put(code, id);
            }
        }
        if (!unknown.isEmpty()) {
            register(connection, unknown);
            ids.putAll(find(connection, unknown));
        }
        Set<String> missing = new TreeSet<>(codes);
        missing.removeAll(ids.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Providers " + missing + " are neither registered nor registrable");
        }
        return ids;
    }

    /** Caches ids after the transaction that resolved them committed. */
    public void remember(Map<String, Long> committed) {
        cache.putAll(committed);
    }

    /** Drops the cache, e.g. after a failure that a stale id could have caused. */
    public void forget() {
        cache.clear();
    }

    private void register(Connection connection, List<String> codes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REGISTER)) {
            statement.setArray(1, SqlArrays.texts(connection, codes, code -> code));
            statement.setArray(2, SqlArrays.texts(connection, codes, displayNames));
            statement.executeUpdate();
        }
    }

    private static Map<String, Long> find(Connection connection, List<String> codes) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setArray(1, SqlArrays.texts(connection, codes, code -> code));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return ids;
    }
}
