package io.jmill.engine.args;

/**
 * Internal signal from a value parser that its input is malformed.
 *
 * <p>The message is the error text <em>without</em> the keyword prefix; {@link Arg} adds {@code "NAME: "} and
 * records it, so parsers stay independent of argument names. Never escapes this package.
 */
final class ValueException extends Exception {
    ValueException(String message) {
        // Stack traces are useless here: the exception is always caught one frame up and turned into text.
        super(message, null, false, false);
    }
}
