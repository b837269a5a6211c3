package io.jmill.engine.handler;

/** Produces a handler's current value as text. Called off the data plane; may allocate. */
@FunctionalInterface
public interface ReadHandler {
    String read();
}
