package io.jmill.elements.ip;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.handler.HandlerException;

import java.util.function.Function;

/** Parses values written to handlers with the syntax, and error messages, of configuration arguments. */
final class HandlerValues {
    private HandlerValues() {
    }

    static boolean bool(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.bool(false));
    }

    static int integer(String handler, String value, int min, int max) throws HandlerException {
        return parse(handler, value, a -> a.integer(0, min, max));
    }

    static int ipAddress(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.ipAddress(0));
    }

    private static <T> T parse(String handler, String value, Function<Arg, T> getter) throws HandlerException {
        Args args = new Args(handler, value == null ? "" : value.strip());
        T result = getter.apply(args.mandatoryPositional(handler));
        try {
            args.complete();
        } catch (ArgsException e) {
            throw new HandlerException(e.getMessage());
        }
        return result;
    }
}
