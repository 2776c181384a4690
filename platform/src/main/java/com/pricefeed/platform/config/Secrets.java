package com.pricefeed.platform.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** What of a setting's value may appear in a log line or an error message. */
public final class Secrets {

    public static final String MASK = "****";

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL|_KEY$).*");

    /** A parameter that holds a secret, in a URL's query or a libpq key=value string: {@code password=}, {@code sslpassword=}. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:^|[?&;\\s])[^=&;#\\s]*password\\s*=\\s*)[^&;#\\s]*");
    /** The password of a {@code scheme://user:password@host} URL, the form libpq and most tools take. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

    private Secrets() {
    }

    /** Whether a variable such as {@code DATABASE_PASSWORD} or {@code KAFKA_SASL_JAAS_CONFIG} holds a secret. */
    public static boolean isSecret(String variable) {
        return SECRET_NAME.matcher(variable.toUpperCase(Locale.ROOT).replace('.', '_')).matches();
    }

    /** {@code value} as it may be shown for {@code variable}: masked when secret, a URL with its passwords masked. */
    public static String shown(String variable, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(variable)) {
            return MASK;
        }
        return variable.endsWith("_URL") ? url(value) : value;
    }

    /**
     * A URL (or a libpq key=value string) as it may be shown: the values of its password parameters, and any password
     * before its host, masked.
     */
    public static String url(String url) {
        String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1" + MASK);
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "@");
    }
}
