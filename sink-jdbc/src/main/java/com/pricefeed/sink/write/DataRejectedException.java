package com.pricefeed.sink.write;

import java.sql.SQLException;

/** A record cannot be written because of its own content; retrying it will never help. */
public final class DataRejectedException extends SQLException {

    public DataRejectedException(String message) {
        super(message);
    }
}
