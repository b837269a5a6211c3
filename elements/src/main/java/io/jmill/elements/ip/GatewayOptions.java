package io.jmill.elements.ip;

import io.jmill.layout.Packet;

/**
 * The IP options every router processes (RFC 791, RFC 1812 4.2.2.2): Record Route and Timestamp,
 * as IPGWOptions and IPOutputCombo do them. Other options are skipped.
 */
final class GatewayOptions {
    /** Result: no Record Route or Timestamp option; the header is unchanged. */
    static final int UNCHANGED = -1;
    /** Result: an option was processed; the header checksum must be recomputed. */
    static final int CHANGED = -2;

    private GatewayOptions() {
    }

    /**
     * Processes the options of the {@code hlen}-byte header at {@code nh} (which must lie within
     * the packet). Returns {@link #UNCHANGED}, {@link #CHANGED}, or, for a malformed option, the
     * offset of the bad byte from the start of the IP header (for ICMP Parameter Problem).
     *
     * @param myAddr   the address recorded (the outgoing interface's)
     * @param myAddrs  all of this router's addresses, for prespecified timestamps
     */
    static int process(Packet p, int nh, int hlen, int myAddr, int[] myAddrs) {
        int result = UNCHANGED;
        int oi = Ip.MIN_HEADER;
        while (oi < hlen) {
            int type = p.u8(nh + oi);
            if (type == Ip.OPT_NOP) {
                oi++;
                continue;
            } else if (type == Ip.OPT_EOL) {
                break;
            }
            if (oi + 1 >= hlen) {
                return oi + 1;      // no room for the length byte
            }
            int xlen = p.u8(nh + oi + 1);
            if (xlen < 2 || oi + xlen > hlen) {
                return oi + 1;
            }
            if (type == Ip.OPT_RR) {
                if (xlen < 3) {
                    return oi + 1;
                }
                int ptr = p.u8(nh + oi + 2) - 1;      // the pointer counts from 1
                if (ptr >= 3 && ptr + 4 <= xlen) {
                    p.setU32(nh + oi + ptr, myAddr);
                    p.setU8(nh + oi + 2, ptr + 1 + 4);
                } else if (ptr != xlen) {
                    return oi + 2;
                }
                result = CHANGED;
            } else if (type == Ip.OPT_TS) {
                if (xlen < 4) {
                    return oi + 1;
                }
                int ptr = p.u8(nh + oi + 2) - 1;
                int oflwFlg = p.u8(nh + oi + 3);
                int overflow = oflwFlg >>> 4;
                int flag = oflwFlg & 0xF;
                if (ptr < 4) {
                    return oi + 2;
                }
                boolean full;
                if (flag == 0) {
                    full = ptr + 4 > xlen;
                    if (!full) {
                        p.setU32(nh + oi + ptr, Ip.timestampMillis());
                        p.setU8(nh + oi + 2, ptr + 1 + 4);
                    }
                } else if (flag == 1) {
                    full = ptr + 8 > xlen;
                    if (!full) {
                        p.setU32(nh + oi + ptr, myAddr);
                        p.setU32(nh + oi + ptr + 4, Ip.timestampMillis());
                        p.setU8(nh + oi + 2, ptr + 1 + 8);
                    }
                } else if (flag == 3) {
                    full = ptr + 8 > xlen;
                    if (!full && Ip.contains(myAddrs, p.u32(nh + oi + ptr))) {
                        p.setU32(nh + oi + ptr + 4, Ip.timestampMillis());
                        p.setU8(nh + oi + 2, ptr + 1 + 8);
                    }
                } else {
                    return oi + 3;
                }
                if (full) {
                    if (overflow == 15) {
                        return oi + 3;
                    }
                    p.setU8(nh + oi + 3, ((overflow + 1) << 4) | flag);
                }
                result = CHANGED;
            }
            oi += xlen;
        }
        return result;
    }
}
