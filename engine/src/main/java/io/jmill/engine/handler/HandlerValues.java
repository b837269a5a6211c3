package io.jmill.engine.handler;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Values written to handlers, read with the same syntax and the same error messages as
 * configuration arguments ({@code limit}: {@code "10k"}; {@code active}: {@code "false"}), and
 * values printed by read handlers the way Click prints them.
 *
 * <pre>{@code
 * h.readWrite("limit", () -> Long.toString(s.limit), v -> s.limit = HandlerValues.longValue("limit", v, -1, Long.MAX_VALUE));
 * }</pre>
 */
public final class HandlerValues {
    private HandlerValues() {
    }

    /** Parses {@code value} as the single argument named {@code handler}, with {@code getter}. */
    public static <T> T parse(String handler, String value, Function<Arg, T> getter) throws HandlerException {
        Args args = new Args(handler, value == null ? "" : value.strip());
        T result = getter.apply(args.mandatoryPositional(handler));
        try {
            args.complete();
        } catch (ArgsException e) {
            throw new HandlerException(e.getMessage());
        }
        return result;
    }

    public static int integer(String handler, String value, int min, int max) throws HandlerException {
        return parse(handler, value, a -> a.integer(0, min, max));
    }

    public static long longValue(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.longValue(0));
    }

    public static long longValue(String handler, String value, long min, long max) throws HandlerException {
        return parse(handler, value, a -> a.longValue(0, min, max));
    }

    public static boolean bool(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.bool(false));
    }

    public static byte[] data(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.data(new byte[0]));
    }

    public static double rate(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.rate(0));
    }

    public static int ipAddress(String handler, String value) throws HandlerException {
        return parse(handler, value, a -> a.ipAddress(0));
    }

    /**
     * A real number as Click prints doubles (12 significant digits, no trailing zeros, no
     * exponent): 20.0 is {@code "20"}, 0.25 is {@code "0.25"}.
     */
    public static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /** A duration in nanoseconds as seconds, exactly: 1_500_000_000 is {@code "1.5"}. */
    public static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    /** Click's hex data-string syntax ({@code \<08 00>}), which data arguments accept back. */
    public static String unparseData(byte[] data) {
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

    /** A rate as configurations write it: integral values without a fraction. */
    public static String formatRate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
