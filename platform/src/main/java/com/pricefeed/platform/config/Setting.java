package com.pricefeed.platform.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One environment variable, declared once: its name, type, default, what values it allows, what it means, and
 * whether it is a secret. Reading it validates it with {@link Env}'s messages; the documentation tables and the
 * {@code --help} lines are rendered from the declaration ({@link Settings}), so they cannot drift from it.
 *
 * @param name          the variable, or for a {@link Type#FAMILY} its prefix followed by {@code *}
 * @param type          what kind of value it holds
 * @param defaultValue  the value when the variable is unset or blank; {@code null} for none
 * @param shownDefault  how the documentation shows the default (markdown)
 * @param allowed       the values it allows, for the documentation; empty when any text goes
 * @param documentation what it does (markdown, the text of the documentation table)
 * @param secret        whether its value is masked wherever it is shown
 * @param reader        reads and validates it
 */
public record Setting<T>(String name, Type type, T defaultValue, String shownDefault, String allowed,
                         String documentation, boolean secret, Reader<T> reader) {

    private static final Pattern LISTEN_ADDRESS = Pattern.compile("^[A-Za-z0-9.:\\-\\[\\]]+$");

    public enum Type { STRING, INTEGER, BOOLEAN, DURATION, FAMILY }

    /** Reads the variable {@code name} from {@code env}, falling back to {@code defaultValue}. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Env env, String name, T defaultValue);
    }

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(documentation, "documentation");
        Objects.requireNonNull(reader, "reader");
    }

    /** Any text, trimmed. */
    public static Setting<String> string(String name, String defaultValue, String documentation) {
        return new Setting<>(name, Type.STRING, defaultValue, literal(defaultValue), "", documentation, false,
                (env, variable, fallback) -> env.string(variable, fallback));
    }

    /** Text matching {@code pattern}, refused with "must be {@code expected}". */
    public static Setting<String> matching(String name, String defaultValue, Pattern pattern, String expected,
                                           String documentation) {
        return new Setting<>(name, Type.STRING, defaultValue, literal(defaultValue), expected, documentation, false,
                (env, variable, fallback) -> env.string(variable, fallback, pattern, expected));
    }

    /** An interface to listen on: a host name or an IP address (IPv6 in brackets or not). */
    public static Setting<String> listenAddress(String name, String defaultValue, String documentation) {
        return matching(name, defaultValue, LISTEN_ADDRESS, "a host name or IP address to listen on, e.g. 127.0.0.1",
                documentation);
    }

    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String documentation) {
        return new Setting<>(name, Type.INTEGER, defaultValue, literal(defaultValue), min + "–" + max, documentation, false,
                (env, variable, fallback) -> env.integer(variable, fallback, min, max));
    }

    public static Setting<Boolean> bool(String name, boolean defaultValue, String documentation) {
        return new Setting<>(name, Type.BOOLEAN, defaultValue, literal(defaultValue), "true or false", documentation, false,
                (env, variable, fallback) -> env.bool(variable, fallback));
    }

    /** A duration: {@code 250ms}, {@code 5s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601. */
    public static Setting<Duration> duration(String name, Duration defaultValue, Duration min, Duration max,
                                             String documentation) {
        return new Setting<>(name, Type.DURATION, defaultValue, literal(defaultValue), written(min) + "–" + written(max),
                documentation, false, (env, variable, fallback) -> env.duration(variable, fallback, min, max));
    }

    /**
     * Every variable whose name starts with {@code prefix}, by name: for settings passed through as a family
     * (e.g. client properties), which cannot be declared one by one.
     */
    public static Setting<Map<String, String>> family(String prefix, String documentation) {
        return new Setting<>(prefix + "*", Type.FAMILY, Map.of(), "*(none)*", "", documentation, false,
                (env, variable, fallback) -> env.withPrefix(prefix));
    }

    public T read(Env env) {
        return reader.read(env, name, defaultValue);
    }

    /** {@code value} given by {@code source} (e.g. an option {@code --topic}) checked by this setting's rules. */
    public T parse(String source, String value) {
        return reader.read(new Env(Map.of(source, value)), source, defaultValue);
    }

    /** This setting, its value masked wherever it is shown. */
    public Setting<T> masked() {
        return new Setting<>(name, type, defaultValue, shownDefault, allowed, documentation, true, reader);
    }

    /** This setting with its default shown as {@code markdown} (e.g. when it is computed from other settings). */
    public Setting<T> shownAs(String markdown) {
        return new Setting<>(name, type, defaultValue, markdown, allowed, documentation, secret, reader);
    }

    /** Whether {@code variable} is this setting, or one of its family. */
    public boolean declares(String variable) {
        return type == Type.FAMILY ? variable.startsWith(name.substring(0, name.length() - 1)) : name.equals(variable);
    }

    /** {@code value} as it may be logged: masked when secret and set, any password in it masked. */
    public String shown(Object value) {
        Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (unwrapped == null || unwrapped.toString().isEmpty()) {
            return "(none)";
        }
        if (secret) {
            return "****";
        }
        // A URL may carry a password in its query string or before its host: never shown.
        return unwrapped instanceof Duration duration ? written(duration) : Secrets.url(unwrapped.toString());
    }

    /** A duration the way the settings are written: {@code 250ms}, {@code 5s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    public static String written(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    private static String literal(Object defaultValue) {
        if (defaultValue == null) {
            return "*(unset)*";
        }
        String text = defaultValue instanceof Duration duration ? written(duration) : defaultValue.toString();
        return text.isEmpty() ? "*(empty)*" : "`" + text + "`";
    }
}
