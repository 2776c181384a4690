package com.pricefeed.platform.config;

import java.util.regex.Pattern;

/**
 * How a service reaches Kafka.
 *
 * @param bootstrapServers comma-separated {@code host:port} list ({@code KAFKA_BOOTSTRAP_SERVERS})
 */
public record KafkaConnection(String bootstrapServers) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    private static final Pattern HOST_PORT_LIST = Pattern.compile("^[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*$");

    private static final String EXPECTED = "a comma-separated list of host:port";

    public static KafkaConnection from(Env env) {
        return new KafkaConnection(env.string("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS, HOST_PORT_LIST, EXPECTED));
    }

    /** {@code value} as given by {@code source} (e.g. {@code --bootstrap-servers}), refused when it is no host:port list. */
    public static KafkaConnection of(String source, String value) {
        if (!HOST_PORT_LIST.matcher(value).matches()) {
            throw new ConfigException(source + " must be " + EXPECTED + ", got \"" + value + "\"");
        }
        return new KafkaConnection(value);
    }
}
