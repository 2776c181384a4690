package com.pricefeed.platform.config;

import java.util.regex.Pattern;

/** The one rule for a Kafka topic name given in configuration: an environment variable or a command-line option. */
public final class TopicName {

    public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");
    public static final String EXPECTED = "a Kafka topic name (1 to 249 letters, digits, '.', '_' or '-')";

    private TopicName() {
    }

    /** The topic named by {@code variable}, or {@code defaultName} when it is not set. */
    public static String from(Env env, String variable, String defaultName) {
        return env.string(variable, defaultName, PATTERN, EXPECTED);
    }

    /** {@code value} itself, refused with a message naming {@code source} (e.g. {@code --topic}) when it is no topic name. */
    public static String checked(String source, String value) {
        if (!PATTERN.matcher(value).matches()) {
            throw new ConfigException(source + " must be " + EXPECTED + ", got \"" + value + "\"");
        }
        return value;
    }
}
