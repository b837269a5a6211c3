package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;

import java.util.List;

/**
 * A rewrite pattern of {@link IPRewriter} ({@code SADDR SPORT DADDR DPORT}) or
 * {@link IPAddrRewriter} ({@code SADDR DADDR}): each field is a dash (keep the packet's value) or a
 * value; SPORT may also be a range {@code L-H}, and in the address form SADDR a range or prefix,
 * optionally followed by {@code #} (allocate sequentially) or {@code ?} (allocate randomly, without
 * first trying the packet's own source port).
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

    /** New source address, or the first address of the range; 0 keeps the packet's. */
    final int saddr;
    /** New source port, or the first port of the range; 0 (with no range) keeps the packet's. */
    final int sport;
    /** New destination address, or 0 to keep the packet's. */
    final int daddr;
    /** New destination port, or 0 to keep the packet's. */
    final int dport;
    /**
     * Size of the range minus one, 0 if there is no range: a source-port range when {@link #napt},
     * a source-address range otherwise.
     */
    final int variation;
    /** Whether the pattern names ports (three or four words); two-word patterns rewrite addresses only. */
    final boolean napt;
    final boolean sequential;
    /** Try the packet's own source port first if it lies in the range. */
    final boolean sameFirst;

    /** Next offset in the range for sequential allocation (mutable, see the class comment). */
    int nextVariation;

    private RewritePattern(int saddr, int sport, int daddr, int dport, int variation, boolean napt,
                           boolean sequential, boolean sameFirst) {
        this.saddr = saddr;
        this.sport = sport;
        this.daddr = daddr;
        this.dport = dport;
        this.variation = variation;
        this.napt = napt;
        this.sequential = sequential;
        this.sameFirst = sameFirst;
    }

    /**
     * Parses {@code SADDR DADDR}, {@code SADDR DADDR SPORT} or {@code SADDR SPORT DADDR DPORT}, as
     * Click does. SADDR may be a range {@code A-B} or a prefix {@code A/LEN} (its addresses except
     * the network and broadcast ones); SPORT a range {@code L-H}; either may end in {@code #}
     * (allocate sequentially) or {@code ?} (do not prefer the packet's own port).
     */
    static RewritePattern parse(List<String> words) throws BadPattern {
        int n = words.size();
        if (n < 2 || n > 4) {
            throw new BadPattern("syntax error");
        }
        int[] range = {0, 0};
        boolean[] flags = {false, true}; // sequential, sameFirst
        int saddr = sourceAddress(words.get(0), range, flags);
        int sport = 0;
        if (n >= 3) {
            String sp = words.get(n == 3 ? 2 : 1);
            if (!sp.equals("-")) {
                int single = port(sp);
                if (single > 0 && single <= 65535) {
                    sport = single;
                } else {
                    String text = suffix(sp, flags);
                    int dash = text.indexOf('-');
                    int lo = dash < 0 ? -1 : port(text.substring(0, dash));
                    int hi = dash < 0 ? -1 : port(text.substring(dash + 1));
                    if (lo < 0 || hi < lo || hi > 65535) {
                        throw new BadPattern("bad source port");
                    }
                    sport = lo;
                    range[1] = hi - lo;
                }
            }
        }
        int daddr = address(words.get(n == 4 ? 2 : 1), "bad destination address");
        int dport = 0;
        if (n == 4 && !words.get(3).equals("-")) {
            dport = port(words.get(3));
            if (dport <= 0 || dport > 65535) {
                throw new BadPattern("bad destination port");
            }
        }
        return new RewritePattern(saddr, sport, daddr, dport, range[1], n >= 3, flags[0], flags[1]);
    }

    /** Strips a {@code #} or {@code ?} suffix, recording it in {@code flags}. */
    private static String suffix(String text, boolean[] flags) {
        if (text.endsWith("#")) {
            flags[0] = true;
            flags[1] = false;
            return text.substring(0, text.length() - 1);
        }
        if (text.endsWith("?")) {
            flags[1] = false;
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** SADDR: a dash, an address, a range or a prefix; a range's size minus one goes to {@code range[1]}. */
    private static int sourceAddress(String word, int[] range, boolean[] flags) throws BadPattern {
        if (word.equals("-")) {
            return 0;
        }
        try {
            return address(word, "bad source address");
        } catch (BadPattern e) {
            // not a single address: a range or a prefix
        }
        String text = suffix(word, flags);
        try {
            int dash = text.indexOf('-');
            int slash = text.indexOf('/');
            if (dash > 0 && slash < 0) {
                int lo = Addresses.ip(text.substring(0, dash));
                int hi = Addresses.ip(text.substring(dash + 1));
                if (Integer.compareUnsigned(hi, lo) >= 0 && hi - lo >= 0) { // at most 2^31 addresses
                    range[1] = hi - lo;
                    return lo;
                }
            } else if (slash > 0 && dash < 0) {
                int a = Addresses.ip(text.substring(0, slash));
                int len = prefixLength(text.substring(slash + 1));
                if (a != 0 && len > 0) {
                    int mask = (int) (0xFFFF_FFFFL << (32 - len));
                    if (len == 32) {
                        return a;
                    }
                    if (len == 31) {
                        range[1] = 1;
                        return a & mask;
                    }
                    range[1] = ~mask - 2;  // not PREFIX.0 and the broadcast address
                    return (a & mask) | 1;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadPattern("bad source address");
    }

    /** A prefix length, decimal or as a dotted mask; -1 if neither. */
    private static int prefixLength(String text) {
        int len = port(text);
        if (len >= 0 && len <= 32 && !text.contains(".")) {
            return len;
        }
        int mask = Addresses.ip(text);
        int bits = Integer.bitCount(mask);
        return mask == (int) (0xFFFF_FFFFL << (32 - bits)) ? bits : -1;
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

    /** Click's unparse: {@code 1.0.0.1 1024-65535 - -}, or {@code 1.0.0.1-1.0.0.254 -} for an address pattern. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!napt && variation > 0) {
            sb.append(Addresses.ipString(saddr)).append('-').append(Addresses.ipString(saddr + variation));
        } else {
            sb.append(saddr == 0 ? "-" : Addresses.ipString(saddr));
        }
        if (napt) {
            if (sport == 0) {
                sb.append(" -");
            } else if (variation > 0) {
                sb.append(' ').append(sport).append('-').append(sport + variation);
            } else {
                sb.append(' ').append(sport);
            }
        }
        sb.append(' ').append(daddr == 0 ? "-" : Addresses.ipString(daddr));
        if (napt) {
            sb.append(' ').append(dport == 0 ? "-" : Integer.toString(dport));
        }
        return sb.toString();
    }
}
