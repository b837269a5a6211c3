package io.jmill.driver.sim;

/**
 * Receive-side scaling as NICs do it: the Toeplitz hash over the IPv4 addresses (and TCP/UDP
 * ports) with Microsoft's standard 40-byte key, and a 128-entry redirection table that spreads
 * hash values over queues round-robin (DPDK's default RETA).
 */
public final class Toeplitz {
    /** Microsoft's default RSS key, used by most NIC drivers unless configured otherwise. */
    private static final byte[] KEY = {
        (byte) 0x6d, (byte) 0x5a, (byte) 0x56, (byte) 0xda, (byte) 0x25, (byte) 0x5b, (byte) 0x0e, (byte) 0xc2,
        (byte) 0x41, (byte) 0x67, (byte) 0x25, (byte) 0x3d, (byte) 0x43, (byte) 0xa3, (byte) 0x8f, (byte) 0xb0,
        (byte) 0xd0, (byte) 0xca, (byte) 0x2b, (byte) 0xcb, (byte) 0xae, (byte) 0x7b, (byte) 0x30, (byte) 0xb4,
        (byte) 0x77, (byte) 0xcb, (byte) 0x2d, (byte) 0xa3, (byte) 0x80, (byte) 0x30, (byte) 0xf2, (byte) 0x0c,
        (byte) 0x6a, (byte) 0x42, (byte) 0xb7, (byte) 0x3b, (byte) 0xbe, (byte) 0xac, (byte) 0x01, (byte) 0xfa,
    };
    /** Entries in the redirection table. */
    public static final int RETA_SIZE = 128;

    private Toeplitz() {
    }

    /** Hash of the IPv4 4-tuple (TCP or UDP): source address, destination address, source port, destination port. */
    public static int hash(int srcIp, int dstIp, int srcPort, int dstPort) {
        byte[] in = {
            (byte) (srcIp >>> 24), (byte) (srcIp >>> 16), (byte) (srcIp >>> 8), (byte) srcIp,
            (byte) (dstIp >>> 24), (byte) (dstIp >>> 16), (byte) (dstIp >>> 8), (byte) dstIp,
            (byte) (srcPort >>> 8), (byte) srcPort, (byte) (dstPort >>> 8), (byte) dstPort,
        };
        return hash(in, in.length);
    }

    /** Hash of the IPv4 2-tuple (other protocols, fragments): source and destination address. */
    public static int hash(int srcIp, int dstIp) {
        byte[] in = {
            (byte) (srcIp >>> 24), (byte) (srcIp >>> 16), (byte) (srcIp >>> 8), (byte) srcIp,
            (byte) (dstIp >>> 24), (byte) (dstIp >>> 16), (byte) (dstIp >>> 8), (byte) dstIp,
        };
        return hash(in, in.length);
    }

    /** The Toeplitz hash of the first {@code len} bytes of {@code input} (at most 36). */
    static int hash(byte[] input, int len) {
        int result = 0;
        // The 32 key bits aligned with the current input bit, shifted left one bit per input bit.
        long window = 0;
        for (int i = 0; i < 8; i++) {
            window = (window << 8) | (KEY[i] & 0xFF);
        }
        int nextKeyByte = 8;
        int bitsLeftInWindow = 32; // bits below the top 32 that are still valid
        for (int i = 0; i < len; i++) {
            int b = input[i] & 0xFF;
            for (int bit = 7; bit >= 0; bit--) {
                if ((b & (1 << bit)) != 0) {
                    result ^= (int) (window >>> 32);
                }
                window <<= 1;
                if (--bitsLeftInWindow == 0) {
                    for (int k = 0; k < 4; k++) {
                        window |= (long) (nextKeyByte < KEY.length ? KEY[nextKeyByte] & 0xFF : 0) << (24 - 8 * k);
                        nextKeyByte++;
                    }
                    bitsLeftInWindow = 32;
                }
            }
        }
        return result;
    }

    /** The queue a hash goes to with DPDK's default redirection table over {@code queues} queues. */
    public static int queue(int hash, int queues) {
        return (hash & (RETA_SIZE - 1)) % queues;
    }
}
