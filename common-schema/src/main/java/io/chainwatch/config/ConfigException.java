package io.chainwatch.config;

/** A configuration value is missing or malformed; the message names the variable and what is expected. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
