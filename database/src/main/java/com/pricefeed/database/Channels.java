package com.pricefeed.database;

/** The LISTEN / NOTIFY channels of the schema. */
public final class Channels {

    /**
     * Notified by the sink inside every transaction that changed master rows, so a listener hears of a change only
     * once it is committed; the API's live stream listens on it.
     */
    public static final String REALTIME_SYMBOLS_CHANGED = "realtime_symbols_changed";

    private Channels() {
    }
}
