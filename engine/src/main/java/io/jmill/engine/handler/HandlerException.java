package io.jmill.engine.handler;

/** A write handler refused its value; the message says why, for the user. */
public final class HandlerException extends Exception {
    public HandlerException(String message) {
        super(message);
    }
}
