package com.pricefeed.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pricefeed.schemas.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds publisher tick JSON for tests: {@code aTick().symbol("AAPL").price("189.23").at(t).json()}. Starts from a
 * valid tick; every setter replaces one field, {@link #without(String)} removes one.
 */
public final class TickBuilder {

    private final ObjectNode node = Json.mapper().createObjectNode();

    private TickBuilder() {
        node.put("symbol", "AAPL");
        node.put("price", "189.2300");
        node.put("source_timestamp", "2026-11-24T14:30:00.123Z");
        node.put("provider", "polygon");
        node.put("volume", 51234567L);
    }

    public static TickBuilder aTick() {
        return new TickBuilder();
    }

    public TickBuilder symbol(String symbol) {
        node.put("symbol", symbol);
        return this;
    }

    public TickBuilder price(String price) {
        node.put("price", price);
        return this;
    }

    public TickBuilder at(Instant sourceTimestamp) {
        node.put("source_timestamp", sourceTimestamp.toString());
        return this;
    }

    public TickBuilder provider(String provider) {
        node.put("provider", provider);
        return this;
    }

    public TickBuilder volume(long volume) {
        node.put("volume", volume);
        return this;
    }

    public TickBuilder companyName(String companyName) {
        node.put("company_name", companyName);
        return this;
    }

    public TickBuilder marketCap(String marketCap) {
        node.put("market_cap", marketCap);
        return this;
    }

    public TickBuilder ohlc(String open, String high, String low, String previousClose) {
        node.put("open_price", open);
        node.put("high_price", high);
        node.put("low_price", low);
        node.put("previous_close", previousClose);
        return this;
    }

    /** Sets any field to a raw JSON value, for malformed input: {@code field("price", "{}")}. */
    public TickBuilder field(String name, String rawJson) {
        try {
            node.set(name, Json.mapper().readTree(rawJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not JSON: " + rawJson, e);
        }
        return this;
    }

    public TickBuilder without(String field) {
        node.remove(field);
        return this;
    }

    public String json() {
        return node.toString();
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }
}
