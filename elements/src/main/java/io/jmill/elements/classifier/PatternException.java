package io.jmill.elements.classifier;

/** A malformed pattern or expression; the message says what and where, without the pattern number. */
final class PatternException extends Exception {
    PatternException(String message) {
        super(message, null, false, false);
    }
}
