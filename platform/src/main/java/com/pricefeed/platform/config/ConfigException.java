package com.pricefeed.platform.config;

/** A configuration value is missing or wrong; the message says which variable and what it should be. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
