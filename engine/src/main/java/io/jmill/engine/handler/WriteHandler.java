package io.jmill.engine.handler;

/** Acts on a value written to a handler; throws {@link HandlerException} for a bad value. */
@FunctionalInterface
public interface WriteHandler {
    void write(String value) throws HandlerException;
}
