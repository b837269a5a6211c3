package io.jmill.engine.args;

/**
 * An IPv4 address with a contiguous netmask, such as {@code 10.0.0.0/8}.
 *
 * <p>Both fields are ints in network order ({@code 10.0.0.0} is {@code 0x0A000000}, {@code /8} is
 * {@code 0xFF000000}). The address may keep host bits ({@code 10.0.0.1/8} describes an interface: a host and its
 * network); {@link #matches(int)} only compares the network bits. Obtain one from {@link Arg#ipPrefix(IPPrefix)}
 * or {@link #parse(String)}:
 *
 * <pre>{@code
 * IPPrefix net = IPPrefix.parse("192.168.0.0/16");
 * net.matches(0xC0A80101);   // true: 192.168.1.1
 * net.prefixLength();        // 16
 * }</pre>
 *
 * @param address the address, network order
 * @param mask the netmask, network order; must be contiguous (some ones, then only zeros)
 */
public record IPPrefix(int address, int mask) {
    /** Checks that the mask is contiguous, so that {@link #prefixLength()} is meaningful. */
    public IPPrefix {
        if (!isContiguous(mask)) {
            throw new IllegalArgumentException("netmask " + addressToString(mask) + " is not contiguous");
        }
    }

    /** A prefix from an address and a prefix length 0..32. */
    public static IPPrefix of(int address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be between 0 and 32, got " + prefixLength);
        }
        return new IPPrefix(address, maskOf(prefixLength));
    }

    /**
     * Parses the forms {@link Arg#ipPrefix(IPPrefix)} accepts: {@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0},
     * {@code 10.0.0.0 255.0.0.0}, or a bare address meaning /32.
     *
     * @throws IllegalArgumentException with the same text a configuration error would carry
     */
    public static IPPrefix parse(String text) {
        try {
            return AddressParser.parsePrefix(text.strip());
        } catch (ValueException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The number of leading one bits of the mask, 0..32. */
    public int prefixLength() {
        return Integer.bitCount(mask);
    }

    /** Whether {@code addr} (network order) lies in this prefix. */
    public boolean matches(int addr) {
        return ((addr ^ address) & mask) == 0;
    }

    /** {@code address/length}, e.g. {@code "10.0.0.0/8"}; the address is printed as stored, host bits included. */
    @Override
    public String toString() {
        return addressToString(address) + "/" + prefixLength();
    }

    /** Formats a network-order int as a dotted quad: {@code 0x0A000001} is {@code "10.0.0.1"}. */
    public static String addressToString(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    static int maskOf(int prefixLength) {
        // Shifting an int by 32 is a no-op in Java, so /0 needs its own case.
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    static boolean isContiguous(int mask) {
        // A contiguous mask is ones then zeros, so its complement plus one is a power of two (or zero for /0).
        int inverted = ~mask;
        return (inverted & (inverted + 1)) == 0;
    }
}
