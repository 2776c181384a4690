package com.pricefeed.platform.config;

/**
 * How a service reaches Kafka.
 *
 * @param bootstrapServers comma-separated {@code host:port} list ({@link SharedSettings#KAFKA_BOOTSTRAP_SERVERS})
 */
public record KafkaConnection(String bootstrapServers) {

    public static KafkaConnection from(Env env) {
        return new KafkaConnection(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.read(env));
    }
}
