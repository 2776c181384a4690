package com.pricefeed.launcher.cli;

import com.pricefeed.platform.config.Env;
import com.pricefeed.platform.config.Setting;
import com.pricefeed.platform.config.SharedSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code -b} and {@code -t} of the commands that talk to Kafka ({@code @Mixin}): each falls back to its environment
 * variable, then to its default. Which topic setting {@code -t} stands for is the command's (and its {@link SettingsHelp}'s).
 */
public final class KafkaOptions {

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            descriptionKey = "KAFKA_BOOTSTRAP_SERVERS", description = "The Kafka cluster.")
    private String bootstrapServers;

    @Option(names = {"-t", "--topic"}, paramLabel = "NAME", descriptionKey = SettingsHelp.TOPIC_KEY,
            description = "The topic.")
    private String topic;

    /** The brokers given by {@code -b}, else by the environment; refused when they are no host:port list. */
    public String bootstrapServers(Env env) {
        Setting<String> setting = SharedSettings.KAFKA_BOOTSTRAP_SERVERS;
        return bootstrapServers == null ? setting.read(env) : setting.parse("--bootstrap-servers", bootstrapServers);
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
    }
}
