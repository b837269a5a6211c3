package io.jmill.engine.lang;

import java.util.Objects;

/**
 * One error a user can act on: where it is, which element it concerns (may be {@code null}) and
 * what is wrong.
 *
 * <p>{@link #toString()} renders {@code file:line:col: element: message}, or
 * {@code file:line:col: message} when {@link #element()} is {@code null}. Errors are collected into a
 * {@link ConfigException}, never thrown one by one.
 */
public record ConfigError(Location location, String element, String message) {

    public ConfigError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return element == null
                ? location + ": " + message
                : location + ": " + element + ": " + message;
    }
}
