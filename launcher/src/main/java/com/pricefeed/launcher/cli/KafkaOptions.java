package com.pricefeed.launcher.cli;

import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.KafkaConnection;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.SharedSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code -b}, {@code -t} and {@code --command-config} of the commands that talk to Kafka ({@code @Mixin}): which
 * cluster, which topic, and how to sign in to it (TLS, SASL). Each falls back to its environment variable, then to
 * its default. Which topic setting {@code -t} stands for is the command's (and its {@link SettingsHelp}'s).
 */
public final class KafkaOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            descriptionKey = "KAFKA_BOOTSTRAP_SERVERS", description = "The Kafka cluster.")
    private String bootstrapServers;

    @Option(names = {"-t", "--topic"}, paramLabel = "NAME", descriptionKey = SettingsHelp.TOPIC_KEY,
            description = "The topic.")
    private String topic;

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

    /** The topic given by {@code -t}, else by {@code setting} from the environment; refused when it is no topic name. */
    public String topic(Env env, Setting<String> setting) {
        return topic == null ? setting.read(env) : setting.parse("--topic", topic);
    }

    /** Puts the options given over {@code variables}, under the names of their settings. */
    void putGiven(Map<String, String> variables, Setting<String> topicSetting) {
        if (bootstrapServers != null) {
            variables.put(SharedSettings.KAFKA_BOOTSTRAP_SERVERS.name(), bootstrapServers);
        }
        if (topic != null) {
            variables.put(topicSetting.name(), topic);
        }
        if (commandConfig != null) {
            variables.put(SharedSettings.KAFKA_CLIENT_PROPERTIES_FILE.name(), commandConfig.toString());
        }
    }
}
