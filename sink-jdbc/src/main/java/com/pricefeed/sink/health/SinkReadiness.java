package com.pricefeed.sink.health;

import com.pricefeed.platform.ops.Health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Ready when the schema is prepared, the consumer runs, writes neither fail nor wait too long, and the database answers. */
public final class SinkReadiness implements Health {

    private static final int QUERY_SECONDS = 2;

    private final Supplier<String> schemaProblem;
    private final BooleanSupplier consuming;
    private final SinkHealth writing;
    private final DataSource database;

    /**
     * @param schemaProblem why the schema is not prepared yet, or null once it is
     * @param consuming     whether the consumer loop runs
     */
    public SinkReadiness(Supplier<String> schemaProblem, BooleanSupplier consuming, SinkHealth writing, DataSource database) {
        this.schemaProblem = schemaProblem;
        this.consuming = consuming;
        this.writing = writing;
        this.database = database;
    }

    @Override
    public Status check() {
        String preparing = schemaProblem.get();
        if (preparing != null) {
            return Status.down("database schema not prepared yet, retrying: " + preparing);
        }
        if (!consuming.getAsBoolean()) {
            return Status.down("consumer is not running");
        }
        Status writes = writing.status();
        return writes.ready() ? answering() : writes;
    }

    private Status answering() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(QUERY_SECONDS) ? Status.up() : Status.down("database does not answer");
        } catch (SQLException | RuntimeException e) {
            return Status.down("database unreachable: " + e.getMessage());
        }
    }
}
