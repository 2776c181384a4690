package com.pricefeed.launcher.cli;

import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaClientProperties;
import com.pricefeed.platform.config.KafkaConnection;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** The options of every command that talks to Kafka: which cluster, and how to sign in to it (TLS, SASL). */
public final class KafkaOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            description = "The Kafka cluster. Env: KAFKA_BOOTSTRAP_SERVERS. Default: 127.0.0.1:9092.")
    private String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*…), as Kafka's own tools take them;"
                    + " they win over KAFKA_CLIENT_PROPERTIES_FILE and the KAFKA_* variables (docs/security.md).")
    private Path commandConfig;

    /** The environment's connection ({@link KafkaConnection#from}) with these options over it. */
    public KafkaConnection connection(Env env) {
        KafkaConnection connection = KafkaConnection.from(env);
        if (bootstrapServers != null) {
            connection = connection.withBootstrapServers("--bootstrap-servers", bootstrapServers);
        }
        return commandConfig == null ? connection : connection.withPropertiesFile("--command-config", commandConfig);
    }

    /** Puts the options given over {@code variables}, for a command configured by its environment. */
    void putOver(Map<String, String> variables) {
        if (bootstrapServers != null) {
            variables.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        }
        if (commandConfig != null) {
            variables.put(KafkaClientProperties.FILE_VARIABLE, commandConfig.toString());
        }
    }
}
