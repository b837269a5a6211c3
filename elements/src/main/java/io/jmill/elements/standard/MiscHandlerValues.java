package io.jmill.elements.standard;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.handler.HandlerException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Helpers shared by RatedSource, AverageCounter, the switches and the VLAN elements: handler values
 * parsed with the same syntax and error messages as the corresponding configuration arguments
 * ({@code e.rate} accepts what {@code RATE} accepts), and Click-like number formatting for read
 * handlers.
 */
final class MiscHandlerValues {
    private MiscHandlerValues() {
    }

    /** Parses {@code value} as the single argument {@code handler} with {@code getter}. */
    static <T> T parse(String handler, String value, Function<Arg, T> getter) throws HandlerException {
        Args args = new Args(handler, value == null ? "" : value.strip());
        T result = getter.apply(args.mandatoryPositional(handler));
        try {
            args.complete();
        } catch (ArgsException e) {
            throw new HandlerException(e.getMessage());
        }
        return result;
    }

    static int integer(String handler, String value, int min, int max) throws HandlerException {
        return parse(handler, value, a -> a.integer(0, min, max));
    }

    static long longValue(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.longValue(0));
    }

    static boolean bool(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.bool(false));
    }

    /**
     * A real number as Click prints doubles (12 significant digits, no trailing zeros, no
     * exponent): 20.0 is {@code "20"}, 0.25 is {@code "0.25"}.
     */
    static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /** A duration in nanoseconds as seconds, exactly: 1_500_000_000 is {@code "1.5"}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    /** Click's hex data-string syntax ({@code \<08 00>}), which data arguments accept back. */
    static String unparseData(byte[] data) {
        StringBuilder sb = new StringBuilder(3 * data.length + 3).append("\\<");
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < data.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(hex.toHexDigits(data[i]));
        }
        return sb.append('>').toString();
    }
}
