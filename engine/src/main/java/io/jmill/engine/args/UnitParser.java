package io.jmill.engine.args;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantities with units: durations (Click's SecondsArg), event rates, bandwidths (Click's BandwidthArg)
 * and memory sizes. Each is a non-negative decimal number, optional spaces, then a unit suffix.
 *
 * <p>Durations and byte sizes are computed in {@link BigDecimal} so that "1.1s" is exactly 1,100,000,000 ns.
 */
final class UnitParser {
    // Unsigned: none of these quantities may be negative, and "-1s" should read as an error, not as a value.
    private static final Pattern QUANTITY =
            Pattern.compile("((?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\\s*(\\S*)");

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    /** Nanoseconds per unit; Click's seconds units, where "m" is a minute and "ms" a millisecond. */
    private static final Map<String, BigDecimal> DURATION_UNITS = Map.ofEntries(
            Map.entry("", NANOS_PER_SECOND),
            Map.entry("s", NANOS_PER_SECOND),
            Map.entry("sec", NANOS_PER_SECOND),
            Map.entry("ms", BigDecimal.valueOf(1_000_000L)),
            Map.entry("msec", BigDecimal.valueOf(1_000_000L)),
            Map.entry("us", BigDecimal.valueOf(1_000L)),
            Map.entry("usec", BigDecimal.valueOf(1_000L)),
            Map.entry("ns", BigDecimal.ONE),
            Map.entry("nsec", BigDecimal.ONE),
            Map.entry("m", BigDecimal.valueOf(60).multiply(NANOS_PER_SECOND)),
            Map.entry("min", BigDecimal.valueOf(60).multiply(NANOS_PER_SECOND)),
            Map.entry("h", BigDecimal.valueOf(3_600).multiply(NANOS_PER_SECOND)),
            Map.entry("hr", BigDecimal.valueOf(3_600).multiply(NANOS_PER_SECOND)),
            Map.entry("d", BigDecimal.valueOf(86_400).multiply(NANOS_PER_SECOND)),
            Map.entry("day", BigDecimal.valueOf(86_400).multiply(NANOS_PER_SECOND)));

    /** Decimal SI multipliers for rates and bandwidths. Lowercase "m" is absent: it would read as milli. */
    private static final Map<Character, Double> SI_PREFIXES =
            Map.of('k', 1e3, 'K', 1e3, 'M', 1e6, 'G', 1e9, 'T', 1e12);

    /** Bits per unit for bandwidths; case matters, as in Click: "b" is a bit and "B" a byte. */
    private static final Map<String, Double> BANDWIDTH_UNITS =
            Map.of("bps", 1.0, "b/s", 1.0, "baud", 1.0, "Bps", 8.0, "B/s", 8.0);

    /** Binary multipliers for memory sizes, case-insensitive, with an optional "b" or "ib" after them. */
    private static final Map<Character, Long> BINARY_PREFIXES =
            Map.of('k', 1L << 10, 'm', 1L << 20, 'g', 1L << 30, 't', 1L << 40);

    private UnitParser() {}

    /** A duration in nanoseconds; a bare number is seconds. Rounded to the nearest nanosecond. */
    static long parseDurationNanos(String text) throws ValueException {
        Matcher m = quantity(text, "duration");
        BigDecimal perUnit = DURATION_UNITS.get(m.group(2));
        if (perUnit == null) {
            throw new ValueException("expected duration, got '" + text + "'");
        }
        BigDecimal nanos = number(m).multiply(perUnit);
        // Range check before rounding: setScale on "1e999999999" would materialise a billion-digit integer.
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ValueException("duration out of range, got '" + text + "'");
        }
        return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Events per second: a number, an optional SI prefix, then optionally "pps" or "/s" ("10k", "2.5Mpps"). */
    static double parseRate(String text) throws ValueException {
        Matcher m = quantity(text, "rate");
        String unit = m.group(2);
        double multiplier = 1;
        if (!unit.isEmpty() && SI_PREFIXES.containsKey(unit.charAt(0))) {
            multiplier = SI_PREFIXES.get(unit.charAt(0));
            unit = unit.substring(1);
        }
        if (!unit.isEmpty() && !unit.equals("pps") && !unit.equals("/s")) {
            throw new ValueException("expected rate, got '" + text + "'");
        }
        return finite(Double.parseDouble(m.group(1)) * multiplier, "rate", text);
    }

    /**
     * Bits per second: a number, an optional SI prefix, then bps, b/s or baud for bits, Bps or B/s for bytes.
     * Click reads a bare number as bytes per second with a warning; here it is an error (unless zero) because a
     * silent factor of eight is worse than asking the user to say which unit was meant.
     */
    static double parseBandwidthBits(String text) throws ValueException {
        Matcher m = quantity(text, "bandwidth");
        String unit = m.group(2);
        double number = Double.parseDouble(m.group(1));
        if (unit.isEmpty()) {
            if (number == 0) {
                return 0;
            }
            throw new ValueException("missing unit (bps or Bps), got '" + text + "'");
        }
        double multiplier = 1;
        if (!BANDWIDTH_UNITS.containsKey(unit) && SI_PREFIXES.containsKey(unit.charAt(0))) {
            multiplier = SI_PREFIXES.get(unit.charAt(0));
            unit = unit.substring(1);
        }
        Double bitsPerUnit = BANDWIDTH_UNITS.get(unit);
        if (bitsPerUnit == null) {
            throw new ValueException("expected bandwidth, got '" + text + "'");
        }
        return finite(number * multiplier * bitsPerUnit, "bandwidth", text);
    }

    /** A whole number of bytes: a number, then optionally k, m, g or t (powers of 1024) and "b" or "ib". */
    static long parseByteSize(String text) throws ValueException {
        Matcher m = quantity(text, "byte size");
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (!unit.isEmpty() && BINARY_PREFIXES.containsKey(unit.charAt(0))) {
            multiplier = BINARY_PREFIXES.get(unit.charAt(0));
            unit = unit.substring(1);
            if (unit.equals("ib")) {
                unit = "";
            }
        }
        if (!unit.isEmpty() && !unit.equals("b")) {
            throw new ValueException("expected byte size, got '" + text + "'");
        }
        BigDecimal bytes = number(m).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ValueException("byte size out of range, got '" + text + "'");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException fractional) {
            throw new ValueException("not a whole number of bytes, got '" + text + "'");
        }
    }

    private static Matcher quantity(String text, String what) throws ValueException {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new ValueException("expected " + what + ", got '" + text + "'");
        }
        return m;
    }

    /** The number part exactly; an exponent too large even for BigDecimal is simply out of range. */
    private static BigDecimal number(Matcher m) throws ValueException {
        try {
            return new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new ValueException("number out of range, got '" + m.group() + "'");
        }
    }

    private static double finite(double value, String what, String text) throws ValueException {
        if (Double.isInfinite(value)) {
            throw new ValueException(what + " out of range, got '" + text + "'");
        }
        return value;
    }
}
