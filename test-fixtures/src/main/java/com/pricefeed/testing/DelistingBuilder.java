package com.pricefeed.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pricefeed.schemas.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the publisher's lifecycle record for tests:
 * {@code aDelisting().symbol("ACME").at(t).json()} is {@code {"symbol":"ACME","event":"delisted","source_timestamp":…,"provider":"nasdaq"}}.
 * Starts from a valid delisting; every setter replaces one field.
 */
public final class DelistingBuilder {

    private final ObjectNode node = Json.mapper().createObjectNode();

    private DelistingBuilder() {
        node.put("symbol", "AAPL");
        node.put("event", "delisted");
        node.put("source_timestamp", "2026-11-24T14:30:00.123Z");
        node.put("provider", "nasdaq");
    }

    public static DelistingBuilder aDelisting() {
        return new DelistingBuilder();
    }

    public DelistingBuilder symbol(String symbol) {
        node.put("symbol", symbol);
        return this;
    }

    public DelistingBuilder at(Instant delistedAt) {
        node.put("source_timestamp", delistedAt.toString());
        return this;
    }

    public DelistingBuilder provider(String provider) {
        node.put("provider", provider);
        return this;
    }

    public DelistingBuilder event(String event) {
        node.put("event", event);
        return this;
    }

    public String json() {
        return node.toString();
    }

    public byte[] bytes() {
        return json().getBytes(StandardCharsets.UTF_8);
    }
}
