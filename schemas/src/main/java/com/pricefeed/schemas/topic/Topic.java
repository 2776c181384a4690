package com.pricefeed.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * A Kafka topic with the serdes of its keys and values: code passes this, never a bare topic name.
 *
 * @param name       the topic name
 * @param keySerde   how keys are written and read
 * @param valueSerde how values are written and read
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A topic name must not be blank");
        }
    }
}
