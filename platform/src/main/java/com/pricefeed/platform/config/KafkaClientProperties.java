package com.pricefeed.platform.config;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties as the ecosystem's images take them: {@code KAFKA_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config} ({@code _} is a dot, {@code __} an underscore, {@code ___} a dash), or a properties file.
 * Each name is checked against the producer's, consumer's and admin client's own definitions and each value parsed
 * as they would; secrets ({@code PASSWORD}-typed properties and {@code sasl.jaas.config}) are never shown.
 */
public final class KafkaClientProperties {

    public static final String PREFIX = "KAFKA_";
    public static final String FILE_VARIABLE = "KAFKA_CLIENT_PROPERTIES_FILE";

    /** Variables with the prefix that are settings of ours, of Compose or of Kafka's own scripts. */
    private static final Set<String> NOT_CLIENT_PROPERTIES = Set.of("KAFKA_BOOTSTRAP_SERVERS", FILE_VARIABLE,
            "KAFKA_LOG_LEVEL", "KAFKA_IMAGE", "KAFKA_PUBLISHED_PORT", "KAFKA_HOME", "KAFKA_VERSION");
    /** What each service sets itself: its exactly-once reading and writing and its wiring depend on them. */
    static final Set<String> SET_BY_SERVICE = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, CommonClientConfigs.CLIENT_ID_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    private static final Map<String, ConfigDef.ConfigKey> KEYS = keys();

    private KafkaClientProperties() {
    }

    /** The client properties among {@code variables} (all of them starting with {@link #PREFIX}). */
    public static Map<String, String> fromVariables(Map<String, String> variables) {
        Map<String, String> properties = new TreeMap<>();
        variables.forEach((variable, value) -> {
            if (!NOT_CLIENT_PROPERTIES.contains(variable) && !variable.endsWith("_OPTS")) {
                String name = propertyName(variable);
                properties.put(name, checked(variable + " (" + name + ")", name, value));
            }
        });
        return properties;
    }

    /** The properties of a client properties file, as {@code --command-config} of Kafka's own tools reads it. */
    public static Map<String, String> fromFile(String source, Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new ConfigException(source + " names " + file + ", which cannot be read: " + e.getMessage());
        }
        Map<String, String> properties = new TreeMap<>();
        for (String name : loaded.stringPropertyNames()) {
            properties.put(name, checked(name + " in " + source + " " + file, name, loaded.getProperty(name).trim()));
        }
        return properties;
    }

    /** {@code KAFKA_SSL_TRUSTSTORE_LOCATION} names {@code ssl.truststore.location}. */
    static String propertyName(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT)
                .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    /** Whether the value of property {@code name} must never be shown. */
    public static boolean isSecret(String name) {
        ConfigDef.ConfigKey key = KEYS.get(name);
        return key != null && key.type == ConfigDef.Type.PASSWORD || Secrets.isSecret(name);
    }

    /** {@code properties} as a log line may show them. */
    public static Map<String, String> masked(Map<String, String> properties) {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((name, value) -> shown.put(name, isSecret(name) ? Secrets.MASK : value));
        return shown;
    }

    private static String checked(String source, String name, String value) {
        ConfigDef.ConfigKey key = KEYS.get(name);
        if (key == null) {
            throw new ConfigException(source + " is not a Kafka client property (see the producer, consumer and admin"
                    + " client configurations at https://kafka.apache.org/documentation/#configuration)");
        }
        if (SET_BY_SERVICE.contains(name)) {
            throw new ConfigException(source + " is set by each service itself and cannot be changed"
                    + (name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) ? "; set KAFKA_BOOTSTRAP_SERVERS instead" : ""));
        }
        try {
            Object parsed = ConfigDef.parseType(name, value, key.type);
            if (key.validator != null) {
                key.validator.ensureValid(name, parsed);
            }
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(source + " has an invalid value"
                    + (isSecret(name) ? "" : ": " + e.getMessage()));
        }
        if (name.endsWith(".location") && !Files.isReadable(Path.of(value))) {
            throw new ConfigException(source + " names " + value + ", which is no readable file");
        }
        return value;
    }

    private static Map<String, ConfigDef.ConfigKey> keys() {
        Map<String, ConfigDef.ConfigKey> keys = new HashMap<>();
        keys.putAll(AdminClientConfig.configDef().configKeys());
        keys.putAll(ConsumerConfig.configDef().configKeys());
        keys.putAll(ProducerConfig.configDef().configKeys());
        return Map.copyOf(keys);
    }
}
