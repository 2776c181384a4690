package com.pricefeed.database;

/** The names the migrations give the tables, and the schema objects code must name to tell faults apart. */
public final class Tables {

    public static final String MARKET_DATA_PROVIDERS = "market_data_providers";
    public static final String REALTIME_SYMBOLS = "realtime_symbols";
    public static final String REALTIME_PRICE_HISTORY = "realtime_price_history";
    /** One-minute OHLCV bars per symbol, written with the history rows they summarize. */
    public static final String REALTIME_PRICE_CANDLES_1M = "realtime_price_candles_1m";
    /** The sink's consumer positions, committed with the rows they cover. */
    public static final String SINK_OFFSETS = "sink_offsets";
    /** Records PostgreSQL refused for their own content, kept with the error. */
    public static final String SINK_REJECTED_RECORDS = "sink_rejected_records";

    /** The sequence the sink draws history ids from before it writes the rows. */
    public static final String HISTORY_ID_SEQUENCE = "realtime_price_history_id_seq";
    /** The primary key of the history: a violation means the id sequence fell behind rows already there. */
    public static final String HISTORY_PRIMARY_KEY = "realtime_price_history_pkey";

    private Tables() {
    }
}
