package io.jmill.elements.ip;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.IPPrefix;
import io.jmill.layout.Packet;


/** IPv4 header constants and small helpers shared by the elements of this package. */
final class Ip {
    static final int MIN_HEADER = 20;
    static final int PROTO_ICMP = 1;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;

    /** Flags and fragment offset (the 16-bit word at offset 6). */
    static final int DF = 0x4000;
    static final int MF = 0x2000;
    static final int OFFSET_MASK = 0x1FFF;

    static final int OPT_EOL = 0;
    static final int OPT_NOP = 1;
    static final int OPT_RR = 7;
    static final int OPT_TS = 68;
    static final int OPT_LSRR = 131;
    static final int OPT_SSRR = 137;

    static final int ICMP_UNREACH = 3;
    static final int ICMP_SOURCEQUENCH = 4;
    static final int ICMP_REDIRECT = 5;
    static final int ICMP_TIMXCEED = 11;
    static final int ICMP_PARAMPROB = 12;

    private Ip() {
    }

    /**
     * True if the packet has a network header annotation and at least a minimal IPv4 header fits
     * between it and the end of the data, so that the fixed fields can be read.
     */
    static boolean hasBasicHeader(Packet p) {
        if (!p.hasNetworkHeader()) {
            return false;
        }
        int nh = p.networkHeaderOffset();
        return nh >= 0 && nh + MIN_HEADER <= p.length();
    }

    /** The header length the IHL field of the header at {@code nh} announces, in bytes. */
    static int headerLength(Packet p, int nh) {
        return (p.u8(nh) & 0xF) << 2;
    }

    /**
     * The destination address for the TCP/UDP pseudo-header of the IP header at {@code nh}: the
     * header's destination, or, when a loose or strict source route option is present, the final
     * destination, the route's last address (RFC 791 3.1, RFC 1122 4.2.2.7), as Click computes it.
     */
    static int pseudoHeaderDestination(Packet p, int nh) {
        int hlen = headerLength(p, nh);
        if (hlen <= MIN_HEADER) {
            return p.u32(nh + 16);
        }
        int end = Math.min(nh + hlen, p.length());
        int i = nh + MIN_HEADER;
        while (i < end) {
            int type = p.u8(i);
            if (type == OPT_NOP) {
                i++;
                continue;
            }
            if (type == OPT_EOL || i + 1 >= end) {
                break;
            }
            int len = p.u8(i + 1);
            if (len < 2 || i + len > end) {
                break;
            }
            if ((type == OPT_LSRR || type == OPT_SSRR) && len >= 7) {
                return p.u32(i + len - 4);
            }
            i += len;
        }
        return p.u32(nh + 16);
    }

    /** Recomputes the header checksum of the {@code hlen}-byte IP header at {@code nh}. */
    static void setHeaderChecksum(Packet p, int nh, int hlen) {
        p.setU16(nh + 10, 0);
        p.setU16(nh + 10, Checksum.of(p, nh, hlen));
    }

    static boolean contains(int[] list, int value) {
        for (int v : list) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** Class D (224.0.0.0/4). */
    static boolean isMulticast(int address) {
        return (address & 0xF000_0000) == 0xE000_0000;
    }

    /** Copies {@code len} data bytes from one packet to another through the packet accessors. */
    static void copy(Packet from, int fromOff, Packet to, int toOff, int len) {
        from.copyTo(fromOff, to, toOff, len);
    }

    /** Dotted-quad text of a network-order address (for messages). */
    static String addressText(int address) {
        return IPPrefix.addressToString(address);
    }

    /** Milliseconds since midnight UT, as the IP timestamp option wants them (RFC 791). */
    static int timestampMillis() {
        return (int) (WorkerClock.wallNanos() / 1_000_000L % 86_400_000L);
    }
}
