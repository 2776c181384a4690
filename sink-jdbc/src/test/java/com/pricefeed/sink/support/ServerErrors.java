package com.pricefeed.sink.support;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Errors as PostgreSQL reports them, with the fields the driver parses from the server's message. */
public final class ServerErrors {

    private ServerErrors() {
    }

    public static PSQLException error(String sqlState, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0M" + message + "\0"));
    }

    public static PSQLException violation(String sqlState, String table, String constraint) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0Mconstraint " + constraint
                + " violated\0t" + table + "\0n" + constraint + "\0"));
    }
}
