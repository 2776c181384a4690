package com.pricefeed.api.prices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON body of each symbol's current price, written once per row rather than once per request: a price held in
 * memory is the same object until its master row changes, so its bytes are kept beside it and written again only
 * for a new row. Holds one body per symbol looked up; a price read from the database is a new object each time and
 * simply replaces the body kept for its symbol.
 */
public final class PriceJson {

    private final ObjectMapper mapper;
    private final Map<String, Body> bodies = new ConcurrentHashMap<>();

    public PriceJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body for {@code price}, byte for byte what the mapper writes for it. */
    public byte[] of(Price price) throws JsonProcessingException {
        Body kept = bodies.get(price.symbol());
        if (kept != null && kept.price() == price) {
            return kept.json();
        }
        byte[] json = mapper.writeValueAsBytes(price);
        bodies.put(price.symbol(), new Body(price, json));
        return json;
    }

    private record Body(Price price, byte[] json) {
    }
}
