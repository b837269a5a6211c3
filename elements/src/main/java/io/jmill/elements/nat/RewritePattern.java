package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;

import java.util.List;

/**
 * A rewrite pattern of {@link IPRewriter}, {@code SADDR SPORT DADDR DPORT}: each field is a dash
 * (keep the packet's value) or a value; SPORT may also be a range {@code L-H}, optionally followed
 * by {@code #} (allocate sequentially) or {@code ?} (allocate randomly, without first trying the
 * packet's own source port).
 *
 * <p>Immutable except for the sequential allocator's position, which patterns shared through
 * {@link IPRewriterPatterns} share as in Click. It is touched only by the thread that runs the
 * rewriter(s) using the pattern.
 */
final class RewritePattern {
    /** A pattern that cannot be parsed; the message is Click's. */
    static final class BadPattern extends Exception {
        BadPattern(String message) {
            super(message);
        }
    }

    /** New source address, or 0 to keep the packet's. */
    final int saddr;
    /** New source port, or the first port of the range; 0 (with no range) keeps the packet's. */
    final int sport;
    /** New destination address, or 0 to keep the packet's. */
    final int daddr;
    /** New destination port, or 0 to keep the packet's. */
    final int dport;
    /** Size of the source-port range minus one; 0 if SPORT is not a range of several ports. */
    final int variation;
    final boolean sequential;
    /** Try the packet's own source port first if it lies in the range. */
    final boolean sameFirst;

    /** Next offset in the range for sequential allocation (mutable, see the class comment). */
    int nextVariation;

    private RewritePattern(int saddr, int sport, int daddr, int dport, int variation, boolean sequential,
                           boolean sameFirst) {
        this.saddr = saddr;
        this.sport = sport;
        this.daddr = daddr;
        this.dport = dport;
        this.variation = variation;
        this.sequential = sequential;
        this.sameFirst = sameFirst;
    }

    /** Parses the four words {@code SADDR SPORT DADDR DPORT}. */
    static RewritePattern parse(List<String> words) throws BadPattern {
        if (words.size() != 4) {
            throw new BadPattern("syntax error");
        }
        int saddr = address(words.get(0), "bad source address");
        int daddr = address(words.get(2), "bad destination address");
        int sport = 0;
        int variation = 0;
        boolean sequential = false;
        boolean sameFirst = true;
        String sp = words.get(1);
        if (!sp.equals("-")) {
            int single = port(sp);
            if (single > 0 && single <= 65535) {
                sport = single;
            } else {
                String range = sp;
                if (range.endsWith("#")) {
                    sequential = true;
                    sameFirst = false;
                    range = range.substring(0, range.length() - 1);
                } else if (range.endsWith("?")) {
                    sameFirst = false;
                    range = range.substring(0, range.length() - 1);
                }
                int dash = range.indexOf('-');
                int lo = dash < 0 ? -1 : port(range.substring(0, dash));
                int hi = dash < 0 ? -1 : port(range.substring(dash + 1));
                if (lo < 0 || hi < lo || hi > 65535) {
                    throw new BadPattern("bad source port");
                }
                sport = lo;
                variation = hi - lo;
            }
        }
        int dport = 0;
        String dp = words.get(3);
        if (!dp.equals("-")) {
            dport = port(dp);
            if (dport <= 0 || dport > 65535) {
                throw new BadPattern("bad destination port");
            }
        }
        return new RewritePattern(saddr, sport, daddr, dport, variation, sequential, sameFirst);
    }

    private static int address(String word, String error) throws BadPattern {
        if (word.equals("-")) {
            return 0;
        }
        try {
            int a = Addresses.ip(word);
            if (a == 0) {
                throw new BadPattern(error);
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new BadPattern(error);
        }
    }

    /** A decimal port number, or -1 if the text is not one (range checks are the caller's). */
    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Click's unparse: {@code 1.0.0.1 1024-65535 - -}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(saddr == 0 ? "-" : Addresses.ipString(saddr));
        if (variation > 0) {
            sb.append(' ').append(sport).append('-').append(sport + variation);
        } else {
            sb.append(' ').append(sport == 0 ? "-" : Integer.toString(sport));
        }
        sb.append(' ').append(daddr == 0 ? "-" : Addresses.ipString(daddr));
        sb.append(' ').append(dport == 0 ? "-" : Integer.toString(dport));
        return sb.toString();
    }
}
