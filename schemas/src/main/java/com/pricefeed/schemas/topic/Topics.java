package com.pricefeed.schemas.topic;

import com.pricefeed.schemas.history.HistoryEvent;
import com.pricefeed.schemas.history.HistoryEventSerde;
import com.pricefeed.schemas.json.JsonSerde;
import com.pricefeed.schemas.master.MasterRecord;
import org.apache.kafka.common.serialization.Serdes;

/** The four topics of the system. Names are configurable; the constants are the defaults. */
public final class Topics {

    public static final String PRICE_TICKS = "price-ticks";
    public static final String PRICE_TICKS_DLQ = "price-ticks-dlq";
    public static final String PRICE_HISTORY = "price-history";
    public static final String REALTIME_SYMBOLS = "realtime-symbols";

    private Topics() {
    }

    /**
     * Publisher input. The key is the symbol or absent and is not trusted; the value is the tick JSON, kept as bytes
     * so that a record that is not a valid tick can be dead-lettered unchanged.
     */
    public static Topic<byte[], byte[]> priceTicks(String name) {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /**
     * Rejected publisher records, key and value exactly as received. Headers: {@code dlq-reason} (a
     * {@link com.pricefeed.schemas.tick.RejectReason} name), {@code dlq-message}, {@code dlq-source-topic},
     * {@code dlq-source-partition}, {@code dlq-source-offset}; on a dead letter that could not be written whole also
     * {@code dlq-truncated} (a {@link DeadLetterTruncation} name), {@code dlq-original-key-size} and
     * {@code dlq-original-value-size}.
     */
    public static Topic<byte[], byte[]> priceTicksDlq(String name) {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /**
     * Every accepted tick once ({@link com.pricefeed.schemas.history.HistoryRecord}) and every delisting that took
     * effect ({@link com.pricefeed.schemas.history.SymbolDelisting}), keyed by symbol, in the processor's order per
     * symbol: the JDBC sink's only input. Values are binary ({@link HistoryEventSerde}), and the JSON that earlier
     * processors wrote is still read.
     */
    public static Topic<String, HistoryEvent> priceHistory(String name) {
        return new Topic<>(name, Serdes.String(), HistoryEventSerde.instance());
    }

    /** Compacted: the current master record of every symbol, keyed by symbol. */
    public static Topic<String, MasterRecord> realtimeSymbols(String name) {
        return new Topic<>(name, Serdes.String(), new JsonSerde<>(MasterRecord.class));
    }
}
