package com.pricefeed.platform.config;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a service reaches Kafka, and the one place every Kafka client's configuration is built: the service's own
 * settings plus the client properties of {@link KafkaClientProperties} (TLS, SASL, timeouts…), which win over them.
 *
 * @param bootstrapServers comma-separated {@code host:port} list ({@link SharedSettings#KAFKA_BOOTSTRAP_SERVERS})
 * @param clientProperties validated client properties, e.g. {@code security.protocol}; secrets included, never shown
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) {

    public KafkaConnection {
        clientProperties = java.util.Collections.unmodifiableMap(new TreeMap<>(clientProperties));
    }

    /** A plaintext connection without client properties, as the local demo and the tests use. */
    public KafkaConnection(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS}, the file of {@code KAFKA_CLIENT_PROPERTIES_FILE}, then every other {@code KAFKA_*}. */
    public static KafkaConnection from(Env env) {
        String servers = SharedSettings.KAFKA_BOOTSTRAP_SERVERS.read(env);
        String file = SharedSettings.KAFKA_CLIENT_PROPERTIES_FILE.read(env);
        Map<String, String> properties = new TreeMap<>();
        if (file != null) {
            properties.putAll(KafkaClientProperties.fromFile(KafkaClientProperties.FILE_VARIABLE, Path.of(file)));
        }
        properties.putAll(KafkaClientProperties.fromVariables(SharedSettings.KAFKA_CLIENT_PROPERTIES.read(env)));
        return new KafkaConnection(servers, properties);
    }

    /** {@code value} as given by {@code source} (e.g. {@code --bootstrap-servers}), refused when it is no host:port list. */
    public static KafkaConnection of(String source, String value) {
        return new KafkaConnection(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.defaultValue()).withBootstrapServers(source, value);
    }

    /** This connection to the brokers {@code source} (e.g. {@code --bootstrap-servers}) names. */
    public KafkaConnection withBootstrapServers(String source, String value) {
        return new KafkaConnection(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.parse(source, value), clientProperties);
    }

    /** This connection with the properties of {@code file} (e.g. from {@code --command-config}) over its own. */
    public KafkaConnection withPropertiesFile(String source, Path file) {
        Map<String, String> properties = new TreeMap<>(clientProperties);
        properties.putAll(KafkaClientProperties.fromFile(source, file));
        return new KafkaConnection(bootstrapServers, properties);
    }

    public Map<String, Object> producer(Map<String, ?> own) {
        return client(own, ProducerConfig.configNames());
    }

    public Map<String, Object> consumer(Map<String, ?> own) {
        return client(own, ConsumerConfig.configNames());
    }

    public Map<String, Object> admin(Map<String, ?> own) {
        return client(own, AdminClientConfig.configNames());
    }

    /** Kafka Streams hands each of its clients the properties that client knows. */
    public Properties streams(Properties own) {
        Properties properties = new Properties();
        properties.putAll(own);
        properties.putAll(clientProperties);
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    private Map<String, Object> client(Map<String, ?> own, Set<String> known) {
        Map<String, Object> config = new HashMap<>(own);
        clientProperties.forEach((name, value) -> {
            if (known.contains(name)) {
                config.put(name, value);
            }
        });
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaConnection[bootstrapServers=" + bootstrapServers
                + (clientProperties.isEmpty() ? "" : ", " + KafkaClientProperties.masked(clientProperties)) + "]";
    }
}
