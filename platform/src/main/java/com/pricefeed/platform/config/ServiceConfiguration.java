package com.pricefeed.platform.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/** How a service's {@code Main} reads its configuration from the environment. */
public final class ServiceConfiguration {

    /** The exit status of a service refused a setting. */
    public static final int BAD_SETTING = 2;

    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

    private ServiceConfiguration() {
    }

    /**
     * Reads it and logs every setting of {@code settings} (secrets masked), or ends the process with one line naming
     * the bad setting, no stack trace, and {@link #BAD_SETTING}.
     */
    public static <T> T readOrExit(Settings settings, Function<Env, T> read) {
        Env env = Env.system();
        try {
            T config = read.apply(env);
            log.info("Settings: {}", settings.describe(env));
            return config;
        } catch (ConfigException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(BAD_SETTING);
            throw e;
        }
    }
}
