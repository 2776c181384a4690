package com.pricefeed.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pricefeed.schemas.json.Json;

/**
 * The API's JSON: the system's dialect ({@link Json#mapper()}: snake_case, decimals as exact strings, ISO-8601 UTC
 * instants) except that absent values are written as {@code null}, so every response of a route has the same fields.
 */
public final class ApiJson {

    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ApiJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
