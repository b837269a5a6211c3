package io.jmill.engine.args;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses booleans, integers and reals strictly: the whole text must match, so {@code "10x"} or {@code "1.5"}
 * is an integer error instead of a silently truncated 10 or 1.
 */
final class NumberParser {
    // ASCII digits only; a sign, then decimal or 0x hex. No octal: Click reads "010" as 8, which surprises everyone.
    private static final Pattern INTEGER = Pattern.compile("([+-]?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))");
    // Plain decimal notation; Double.parseDouble alone would also accept "NaN", "Infinity", "1d" and hex floats.
    private static final Pattern REAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private NumberParser() {}

    /** Click's BoolArg words, case-insensitive: true/yes/t/y/1 and false/no/f/n/0. */
    static boolean parseBool(String text) throws ValueException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "t", "y", "1" -> true;
            case "false", "no", "f", "n", "0" -> false;
            default -> throw new ValueException("expected boolean, got '" + text + "'");
        };
    }

    /** Parses a decimal or 0x-hex integer that must fit in [{@code typeMin}, {@code typeMax}], its Java type's range. */
    static long parseInteger(String text, long typeMin, long typeMax) throws ValueException {
        Matcher m = INTEGER.matcher(text);
        if (!m.matches()) {
            throw new ValueException("expected integer, got '" + text + "'");
        }
        BigInteger magnitude = m.group(2) != null ? new BigInteger(m.group(2), 16) : new BigInteger(m.group(3));
        BigInteger value = m.group(1).equals("-") ? magnitude.negate() : magnitude;
        if (value.compareTo(BigInteger.valueOf(typeMin)) < 0 || value.compareTo(BigInteger.valueOf(typeMax)) > 0) {
            throw new ValueException("integer out of range, got '" + text + "'");
        }
        return value.longValueExact();
    }

    static double parseReal(String text) throws ValueException {
        if (!REAL.matcher(text).matches()) {
            throw new ValueException("expected real number, got '" + text + "'");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new ValueException("real number out of range, got '" + text + "'");
        }
        return value;
    }
}
