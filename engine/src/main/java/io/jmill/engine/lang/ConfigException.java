package io.jmill.engine.lang;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a configuration has errors; carries ALL of them, in the order they were found, so a
 * user can fix a file in one round trip.
 *
 * <p>{@link #getMessage()} is the errors' {@link ConfigError#toString()} forms joined by newlines,
 * ready to print.
 */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;

    /** @param errors the errors found; must not be empty */
    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The errors, in the order they were found. */
    public List<ConfigError> errors() {
        return errors;
    }
}
