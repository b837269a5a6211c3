package io.jmill.elements.device;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.handler.HandlerException;

import java.util.function.Function;

/** Parses values written to handlers with the syntax and messages of the matching configuration arguments. */
final class HandlerValues {
    private HandlerValues() {
    }

    static double rate(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.rate(0));
    }

    static boolean bool(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.bool(false));
    }

    /** A rate as configurations write it back: integral values without a fraction. */
    static String formatRate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
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
