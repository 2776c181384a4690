package com.pricefeed.platform.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** What of a setting's value may appear in a log line or an error message. */
public final class Secrets {

    public static final String MASK = "****";

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL|_KEY$).*");

    private Secrets() {
    }

    /** Whether a variable such as {@code DATABASE_PASSWORD} or {@code KAFKA_SASL_JAAS_CONFIG} holds a secret. */
    public static boolean isSecret(String variable) {
        return SECRET_NAME.matcher(variable.toUpperCase(Locale.ROOT).replace('.', '_')).matches();
    }

    /** {@code value} as it may be shown for {@code variable}: masked when secret, a URL without credentials or parameters. */
    public static String shown(String variable, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(variable)) {
            return MASK;
        }
        return variable.endsWith("_URL") ? url(value) : value;
    }

    /** A URL as it may be shown: {@link DatabaseConfig#redact redacted} of every password it holds. */
    public static String url(String url) {
        return DatabaseConfig.redact(url);
    }
}
