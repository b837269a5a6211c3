package io.jmill.engine.handler;

/**
 * A read handler that takes parameters, as Click's do ({@code routing_table.lookup 1.0.0.1},
 * {@code script.run ARGS}): produces the value for the given text. Called off the data plane.
 */
@FunctionalInterface
public interface ParamReadHandler {
    /** The value for {@code params} (possibly empty: the handler read without parameters). */
    String read(String params) throws HandlerException;
}
