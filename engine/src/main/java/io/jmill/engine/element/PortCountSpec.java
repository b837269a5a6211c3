package io.jmill.engine.element;

/**
 * Click port counts, parsed from notation such as {@code 1/1-2} or {@code -/=}.
 *
 * @param minInputs  fewest inputs
 * @param maxInputs  most inputs ({@link Integer#MAX_VALUE} for no limit)
 * @param minOutputs fewest outputs
 * @param maxOutputs most outputs
 * @param outputsEqualInputs {@code =}: as many outputs as inputs
 */
public record PortCountSpec(int minInputs, int maxInputs, int minOutputs, int maxOutputs, boolean outputsEqualInputs) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /**
     * @throws IllegalArgumentException for malformed notation (a bug in an element class)
     */
    public static PortCountSpec parse(String spec) {
        String[] sides = spec.split("/", -1);
        if (sides.length > 2) {
            throw new IllegalArgumentException("bad port count '" + spec + "'");
        }
        String in = sides[0].trim();
        String out = sides.length == 2 ? sides[1].trim() : in;
        int[] inRange = range(in, spec);
        if (out.equals("=")) {
            return new PortCountSpec(inRange[0], inRange[1], inRange[0], inRange[1], true);
        }
        int[] outRange = range(out, spec);
        return new PortCountSpec(inRange[0], inRange[1], outRange[0], outRange[1], false);
    }

    private static int[] range(String s, String spec) {
        try {
            if (s.equals("-")) {
                return new int[] {0, UNLIMITED};
            }
            int dash = s.indexOf('-');
            if (dash < 0) {
                int n = Integer.parseInt(s);
                return new int[] {n, n};
            }
            int lo = Integer.parseInt(s.substring(0, dash));
            String hi = s.substring(dash + 1);
            return new int[] {lo, hi.isEmpty() ? UNLIMITED : Integer.parseInt(hi)};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port count '" + spec + "'");
        }
    }

    /** Null if {@code n} inputs are allowed, else the reason. */
    public String checkInputs(int n) {
        return check(n, minInputs, maxInputs, "input");
    }

    /** Null if {@code nOut} outputs are allowed with {@code nIn} inputs, else the reason. */
    public String checkOutputs(int nIn, int nOut) {
        if (outputsEqualInputs) {
            return nOut == nIn ? null : "needs as many outputs as inputs (" + nIn + "), has " + nOut;
        }
        return check(nOut, minOutputs, maxOutputs, "output");
    }

    private static String check(int n, int min, int max, String what) {
        if (n >= min && n <= max) {
            return null;
        }
        return "has " + n + " " + what + (n == 1 ? "" : "s") + ", needs " + describe(min, max) + " " + what
                + (max == 1 && min == 1 ? "" : "s");
    }

    private static String describe(int min, int max) {
        if (min == max) {
            return Integer.toString(min);
        }
        if (max == UNLIMITED) {
            return min == 0 ? "any number of" : "at least " + min;
        }
        return min + " to " + max;
    }
}
