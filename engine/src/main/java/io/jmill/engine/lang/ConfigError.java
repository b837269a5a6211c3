package io.jmill.engine.lang;

import java.util.Objects;

/**
 * One error a user can act on: where it is, which element it concerns (may be {@code null}) and
 * what is wrong.
 *
 * <p>{@link #configuring()} is the class of {@link #element()} when the error is one of that
 * element's configuration (its arguments, as its constructor reported them), else {@code null}.
 *
 * <p>{@link #toString()} renders {@code file:line:col: element: message}, or
 * {@code file:line:col: message} when {@link #element()} is {@code null}, always on one line (line
 * breaks and other control characters in the message are escaped). Errors are collected into a
 * {@link ConfigException}, never thrown one by one.
 */
public record ConfigError(Location location, String element, String message, String configuring) {

    public ConfigError(Location location, String element, String message) {
        this(location, element, message, null);
    }

    public ConfigError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        // One error, one line: configuration text quoted in a message (a value that spans lines, a
        // stray control character) is shown escaped, so that the message cannot break the
        // file:line:col format that editors and scripts read.
        message = oneLine(message);
        element = element == null ? null : oneLine(element);
    }

    private static String oneLine(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c)) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    @Override
    public String toString() {
        return element == null
                ? location + ": " + message
                : location + ": " + element + ": " + message;
    }
}
