package io.jmill.cli;

/** A command line that cannot be obeyed; the message says why, and the command prints its usage. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
