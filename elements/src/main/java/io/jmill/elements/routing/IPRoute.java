package io.jmill.elements.routing;

import io.jmill.driver.net.Addresses;
import io.jmill.engine.args.IPPrefix;

/**
 * One route of an IP routing table: packets whose destination lies in {@code addr/mask} go to
 * gateway {@code gw} (0: none, the destination itself is the next hop) through output
 * {@code port}. Immutable, so lookups may hand it around while handlers change the table.
 *
 * <p>All addresses are network-order ints ({@code 10.0.0.1} is {@code 0x0A000001}); the address
 * is always masked. A route parsed for removal may have {@code port == -1}, meaning "any gateway
 * and output".
 */
record IPRoute(int addr, int mask, int gw, int port) {
    IPRoute {
        addr &= mask;
    }

    int prefixLength() {
        return Integer.bitCount(mask);
    }

    /** Whether {@code a} lies in this route's prefix. */
    boolean contains(int a) {
        return ((a ^ addr) & mask) == 0;
    }

    /**
     * Whether this route, given for removal, designates {@code existing}: same prefix, and if
     * this one names an output, the same gateway and output too (Click's {@code IPRoute::match}).
     */
    boolean designates(IPRoute existing) {
        return addr == existing.addr && mask == existing.mask
                && (port < 0 || (gw == existing.gw && port == existing.port));
    }

    static int maskOf(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    // ------------------------------------------------------------------ text

    /**
     * Parses Click's route syntax {@code ADDR/MASK [GATEWAY] OUTPUT}: the prefix as
     * {@code 18.26.4.0/24}, {@code 18.26.4.0/255.255.255.0}, a shortened {@code 18.26.4/24} or
     * {@code 0/0}, or a bare address (a /32); the gateway as an address, or {@code -} for none;
     * the output as a decimal integer. With {@code forRemoval}, the output (and then the
     * gateway) may be left out, giving port -1.
     *
     * @return the route, or null if the text is not a route (the caller reports Click's message)
     */
    static IPRoute parse(String text, boolean forRemoval) {
        String[] words = text.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || words.length > 3) {
            return null;
        }
        long prefix = parsePrefix(words[0]);
        if (prefix == NO_PREFIX) {
            return null;
        }
        int addr = (int) (prefix >>> 32);
        int mask = (int) prefix;
        int gw = 0;
        int next = 1;
        if (next < words.length) {
            if (words[next].equals("-")) {
                next++;
            } else {
                long g = parseAddress(words[next]);
                if (g >= 0) {
                    gw = (int) g;
                    next++;
                }
            }
        }
        int port;
        if (next < words.length) {
            port = parsePort(words[next]);
            if (port == Integer.MIN_VALUE) {
                return null;
            }
            next++;
        } else if (forRemoval) {
            port = -1;
        } else {
            return null;
        }
        return next == words.length ? new IPRoute(addr, mask, gw, port) : null;
    }

    /** Marks a failed {@link #parsePrefix}: no real prefix has this address and a zero mask with host bits. */
    static final long NO_PREFIX = -1L << 32;

    /**
     * A prefix as {@code address << 32 | mask}, or {@link #NO_PREFIX}. Accepts what Click's
     * IPPrefixArg accepts for routes, except AddressInfo names: {@code ADDR/LEN},
     * {@code ADDR/MASK} with a contiguous mask, a bare full address, and shortened addresses
     * ({@code 10/8}, {@code 18.26.4/24}) before a slash.
     */
    static long parsePrefix(String word) {
        try {
            IPPrefix p = IPPrefix.parse(word);
            return pack(p.address(), p.mask());
        } catch (IllegalArgumentException e) {
            return NO_PREFIX;
        }
    }

    /** Host bits are cleared, so that no prefix packs to {@link #NO_PREFIX} (a zero mask with host bits). */
    private static long pack(int address, int mask) {
        return ((long) (address & mask) << 32) | (mask & 0xFFFF_FFFFL);
    }

    /** A full dotted-quad address as a non-negative long, or -1. */
    static long parseAddress(String text) {
        try {
            return Addresses.ip(text) & 0xFFFF_FFFFL;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static int parsePort(String word) {
        String digits = word.startsWith("-") ? word.substring(1) : word;
        if (digits.isEmpty() || digits.length() > 9 || !allDigits(digits)) {
            return Integer.MIN_VALUE;
        }
        return Integer.parseInt(word);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String addressString(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** {@code 18.26.4.0/24}. */
    String prefixString() {
        return addressString(addr) + "/" + prefixLength();
    }

    /** Click's one-line form, {@code 18.26.4.0/24 18.26.4.1 1}, with {@code -} for no gateway. */
    @Override
    public String toString() {
        return prefixString() + " " + (gw == 0 ? "-" : addressString(gw)) + " " + port;
    }

    /**
     * Click's tab-aligned table line (without newline): the prefix padded with tabs to two tab
     * stops when short, the gateway likewise to one, then the output.
     *
     * @param dashForNoGateway print {@code -} rather than {@code 0.0.0.0} for no gateway
     */
    String tabbed(boolean dashForNoGateway) {
        StringBuilder sb = new StringBuilder(48);
        String p = prefixString();
        sb.append(p).append('\t');
        if (p.length() + 1 < 17) {
            sb.append('\t');
        }
        String g = gw == 0 && dashForNoGateway ? "-" : addressString(gw);
        sb.append(g).append('\t');
        if (g.length() + 1 < 9) {
            sb.append('\t');
        }
        return sb.append(port).toString();
    }
}
