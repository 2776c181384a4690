package com.pricefeed.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of environment variables, each with a default. Only a service's {@code Main} builds one
 * (from {@code System.getenv()}); everything deeper receives a config record.
 */
public final class Env {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

    private final Map<String, String> variables;
    private final Set<String> namesRead = ConcurrentHashMap.newKeySet();

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    /** Every variable asked for so far, set or not: what a configuration reads, for its documentation to be checked. */
    public Set<String> namesRead() {
        return Set.copyOf(namesRead);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** Every variable whose name starts with {@code prefix}, by name, in name order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith(prefix) && !value.isBlank()) {
                namesRead.add(name);
                found.put(name, value.trim());
            }
        });
        return Collections.unmodifiableMap(found);
    }

    public String string(String name, String defaultValue) {
        namesRead.add(name);
        String value = variables.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public String string(String name, String defaultValue, Pattern pattern, String expected) {
        String value = string(name, defaultValue);
        if (value != null && !pattern.matcher(value).matches()) {
            throw new ConfigException(name + " must be " + expected + ", got \"" + Secrets.shown(name, value) + "\"");
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number between " + min + " and " + max + ", got \"" + value + "\"");
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name + " must be true or false, got \"" + value + "\"");
        };
    }

    /** A duration written as {@code 250ms}, {@code 5s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT5M}). */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(name, value);
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return parsed;
    }

    private static Duration parseDuration(String name, String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher simple = SIMPLE_DURATION.matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(name + " must be a duration such as 250ms, 5s, 5m, 1h or PT5M, got \"" + value + "\"");
        }
    }
}
