package io.jmill.specializer;

/** Internet checksums of frames under construction (independent of the engine's own checksum code). */
final class FrameChecksums {
    private FrameChecksums() {
    }

    /** The IP header checksum of {@code len} bytes at {@code off} (whose checksum field is zero). */
    static int ip(byte[] f, int off, int len) {
        return fold(f, off, len);
    }

    /** The one's complement of the one's complement sum of {@code len} bytes at {@code off}. */
    static int fold(byte[] f, int off, int len) {
        return ~sum(f, off, len, 0) & 0xFFFF;
    }

    /** TCP or UDP checksum over the pseudo-header and the segment of an IP packet at {@code ip}. */
    static int transport(byte[] f, int ip, int ihl, int total) {
        int segment = total - ihl;
        long pseudo = 0;
        for (int i = 12; i < 20; i += 2) {
            pseudo += (f[ip + i] & 0xFF) << 8 | (f[ip + i + 1] & 0xFF);
        }
        pseudo += f[ip + 9] & 0xFF;
        pseudo += segment;
        int c = ~sum(f, ip + ihl, segment, pseudo) & 0xFFFF;
        return c == 0 && f[ip + 9] == 17 ? 0xFFFF : c;
    }

    private static int sum(byte[] f, int off, int len, long start) {
        long sum = start;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (f[off + i] & 0xFF) << 8 | (f[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (f[off + len - 1] & 0xFF) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
