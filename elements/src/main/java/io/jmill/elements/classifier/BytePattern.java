package io.jmill.elements.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Classifier patterns: clauses {@code OFFSET/VALUE} or {@code OFFSET/VALUE%MASK}, separated
 * by spaces and all required, each optionally preceded by {@code !}; or {@code -} alone, which
 * matches everything.
 *
 * <p>OFFSET is decimal; VALUE and MASK are hex with an even number of digits, {@code ?} meaning a
 * nibble that is not compared; MASK, if given, has as many digits as VALUE. A clause's bytes are
 * tested in runs of at most four; bytes whose mask is zero are not read, so they do not require
 * the packet to be that long (as in Click).
 */
final class BytePattern {
    private BytePattern() {
    }

    static Expr parse(String pattern) throws PatternException {
        String s = pattern.strip();
        if (s.isEmpty()) {
            throw new PatternException("empty pattern");
        }
        if (s.equals("-")) {
            return Expr.TRUE;
        }
        List<Expr> clauses = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            boolean negated = false;
            if (s.charAt(i) == '!') {
                negated = true;
                i++;
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new PatternException("expected offset (decimal digits), got " + describe(s, i));
            }
            if (i - start > 5 || Integer.parseInt(s, start, i, 10) > 0xFFFF) {
                throw new PatternException("offset " + s.substring(start, i) + " too large (at most 65535)");
            }
            int offset = Integer.parseInt(s, start, i, 10);
            if (i >= n || s.charAt(i) != '/') {
                throw new PatternException("expected '/' after offset " + offset + ", got " + describe(s, i));
            }
            i++;
            int valueStart = i;
            while (i < n && isHexOrWild(s.charAt(i))) {
                i++;
            }
            String value = s.substring(valueStart, i);
            String mask = null;
            if (i < n && s.charAt(i) == '%') {
                i++;
                int maskStart = i;
                while (i < n && isHexOrWild(s.charAt(i))) {
                    i++;
                }
                mask = s.substring(maskStart, i);
            }
            if (i < n && !Character.isWhitespace(s.charAt(i))) {
                throw new PatternException("unexpected " + describe(s, i) + " in clause '" + s.substring(start, i + 1)
                        + "' (values and masks are hex digits or '?')");
            }
            String clause = s.substring(start, i);
            if (value.length() < 2) {
                throw new PatternException("value has less than 2 hex digits in '" + clause + "'");
            }
            if (value.length() % 2 != 0) {
                throw new PatternException("value has odd number of hex digits in '" + clause + "'");
            }
            if (mask != null && mask.length() != value.length()) {
                throw new PatternException("mask has too " + (mask.length() > value.length() ? "many" : "few")
                        + " hex digits in '" + clause + "'");
            }
            Expr e = clause(offset, value, mask);
            clauses.add(negated ? Expr.not(e) : e);
        }
        return Expr.and(clauses);
    }

    /** The tests of one clause: its compared bytes in runs of at most four. */
    private static Expr clause(int offset, String value, String mask) throws PatternException {
        int nbytes = value.length() / 2;
        if (offset + nbytes - 1 > 0xFFFF) {
            throw new PatternException("clause at offset " + offset + " reaches past offset 65535");
        }
        int[] v = new int[nbytes];
        int[] m = new int[nbytes];
        for (int k = 0; k < nbytes; k++) {
            int hiV = nibble(value.charAt(2 * k));
            int loV = nibble(value.charAt(2 * k + 1));
            int byteMask = (hiV < 0 ? 0 : 0xF0) | (loV < 0 ? 0 : 0x0F);
            if (mask != null) {
                int hiM = nibble(mask.charAt(2 * k));
                int loM = nibble(mask.charAt(2 * k + 1));
                byteMask &= ((hiM < 0 ? 0 : hiM) << 4) | (loM < 0 ? 0 : loM);
            }
            m[k] = byteMask;
            v[k] = ((Math.max(hiV, 0) << 4) | Math.max(loV, 0)) & byteMask;
        }
        List<Expr> tests = new ArrayList<>();
        int k = 0;
        while (k < nbytes) {
            if (m[k] == 0) {
                k++;
                continue;
            }
            int end = Math.min(k + 4, nbytes);
            while (m[end - 1] == 0) {
                end--;
            }
            int width = end - k;
            int val = 0;
            int msk = 0;
            for (int x = k; x < end; x++) {
                val = (val << 8) | v[x];
                msk = (msk << 8) | m[x];
            }
            tests.add(Expr.leaf(FieldTest.equal(FieldTest.DATA, offset + k, width, msk, val)));
            k = end;
        }
        return Expr.and(tests);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexOrWild(char c) {
        return c == '?' || Character.digit(c, 16) >= 0 && c < 128;
    }

    /** The value of a hex digit, or -1 for '?'. */
    private static int nibble(char c) {
        return c == '?' ? -1 : Character.digit(c, 16);
    }

    private static String describe(String s, int i) {
        return i >= s.length() ? "end of pattern" : "'" + s.charAt(i) + "'";
    }
}
