package io.jmill.engine.lang;

import java.util.Objects;

/**
 * One error a user can act on: where it is, which element it concerns (may be {@code null}) and
 * what is wrong.
 *
 * <p>{@link #configuring()} is the class of {@link #element()} when the error is one of that
 * element's configuration (its arguments, as its constructor reported them), else {@code null}.
 *
 * <p>{@link #clickText()} is the same error as Click prints it, landmarks included (Click names
 * {@code file:line} without a column, often at another place: an element's declaration rather than
 * the connection that misuses it), or {@code null} when Click's text is {@link #inClicksLayout()}'s
 * default: {@code file:line: message}.
 *
 * <p>{@link #toString()} renders {@code file:line:col: element: message}, or
 * {@code file:line:col: message} when {@link #element()} is {@code null}, always on one line (line
 * breaks and other control characters in the message are escaped). Errors are collected into a
 * {@link ConfigException}, never thrown one by one.
 */
public record ConfigError(Location location, String element, String message, String configuring, String clickText) {

    public ConfigError(Location location, String element, String message) {
        this(location, element, message, null, null);
    }

    public ConfigError(Location location, String element, String message, String configuring) {
        this(location, element, message, configuring, null);
    }

    /** This error with Click's own text for it (see {@link #clickText()}). */
    public ConfigError withClickText(String text) {
        return new ConfigError(location, element, message, configuring, text);
    }

    /**
     * The error as Click prints it, without the {@code While configuring} header that groups an
     * element's configuration errors: {@link #clickText()}, or {@code file:line: message}.
     */
    public String inClicksLayout() {
        return clickText != null ? clickText : location.landmark() + ": " + message;
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
