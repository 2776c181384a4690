package com.pricefeed.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the sink waits on PostgreSQL, so that neither a lock nor a silent server stalls it for good.
 *
 * @param statement PostgreSQL cancels a statement of the sink that runs longer ({@code statement_timeout})
 * @param lock      PostgreSQL gives up a lock the sink has waited this long for ({@code lock_timeout})
 * @param socket    the longest the sink waits for PostgreSQL to answer (the driver's socket timeout), and the
 *                  longest one batch transaction may take before its connection is aborted and the batch retried
 */
public record DatabaseTimeouts(Duration statement, Duration lock, Duration socket) {

    public static final DatabaseTimeouts DEFAULT = new DatabaseTimeouts(SinkSettings.STATEMENT_TIMEOUT.defaultValue(),
            SinkSettings.LOCK_TIMEOUT.defaultValue(), SinkSettings.SOCKET_TIMEOUT.defaultValue());

    public DatabaseTimeouts {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(socket, "socket");
    }

    /** The socket timeout in the whole seconds the driver takes, rounded up. */
    public int socketSeconds() {
        return (int) Math.max(1, (socket.toMillis() + 999) / 1000);
    }
}
