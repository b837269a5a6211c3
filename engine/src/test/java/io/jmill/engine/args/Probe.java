package io.jmill.engine.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;

/** Test helper: reads one value as keyword X and reports what the getter returned and what complete() said. */
final class Probe {
    private Probe() {}

    /** Reads {@code X value}, asserts there was no error, returns the value. */
    static <T> T ok(String value, Function<Arg, T> getter) {
        Args args = new Args("e", "X " + value);
        T result = getter.apply(args.keyword("X"));
        try {
            args.complete();
        } catch (ArgsException e) {
            throw new AssertionError("unexpected errors for '" + value + "': " + e.getMessage(), e);
        }
        return result;
    }

    // Primitive variants: JUnit's assertEquals(int, Integer)-style overloads make a generic result ambiguous.
    static int okInt(String value, Function<Arg, Integer> getter) {
        return ok(value, getter);
    }

    static long okLong(String value, Function<Arg, Long> getter) {
        return ok(value, getter);
    }

    static double okDouble(String value, Function<Arg, Double> getter) {
        return ok(value, getter);
    }

    static boolean okBool(String value, Function<Arg, Boolean> getter) {
        return ok(value, getter);
    }

    /** Reads {@code X value}, asserts the getter returned {@code dflt} and complete() failed; returns the message. */
    static <T> String bad(String value, Function<Arg, T> getter, T dflt) {
        Args args = new Args("e", "X " + value);
        T result = getter.apply(args.keyword("X"));
        assertEquals(dflt, result, "a malformed value must yield the default");
        return assertThrows(ArgsException.class, args::complete).getMessage();
    }
}
