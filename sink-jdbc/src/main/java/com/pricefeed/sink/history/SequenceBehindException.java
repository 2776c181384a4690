package com.pricefeed.sink.history;

import java.sql.SQLException;

/** The history id sequence hands out ids already taken: it must be advanced past them before any batch is written. */
public final class SequenceBehindException extends SQLException {

    public SequenceBehindException(String message) {
        super(message);
    }
}
