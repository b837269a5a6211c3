package io.jmill.elements.ip;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fragments large IP packets.
 *
 * <pre>IPFragmenter(MTU [, HONOR_DF, VERBOSE, keywords HEADROOM])</pre>
 *
 * <p>Expects IP packets with the network header annotation set. A packet whose length from the IP
 * header on is at most MTU leaves unchanged on output 0. A larger packet is split into fragments
 * (RFC 791) emitted on output 0 in order, first fragment first:
 * <ul>
 * <li>each fragment carries at most MTU bytes of IP header and data, its data a multiple of 8 bytes
 *     except in the last fragment; offsets are in 8-byte units and add to the packet's own offset
 *     (a fragment can be fragmented again);</li>
 * <li>all fragments but the last have More Fragments set; the last keeps the packet's own MF;</li>
 * <li>the first fragment is the original packet, shortened, with all its options and any link
 *     header before the IP header; the others are new packets that start at the IP header and
 *     carry only the options whose copy bit is set, padded to a multiple of 4 bytes with
 *     end-of-options bytes; they get all the original's annotations and a network header
 *     annotation;</li>
 * <li>every fragment's header checksum is recomputed.</li>
 * </ul>
 * If the packet has Don't Fragment set (and HONOR_DF is true), or MTU leaves room for less than 8
 * bytes of data, the packet goes to output 1 instead, or is dropped if output 1 is not connected;
 * connect output 1 to {@code ICMPError(ADDR, unreachable, needfrag, PMTU MTU)} for path MTU
 * discovery. Such packets are reported on standard error (the first five, or all with VERBOSE).
 * When DF is ignored, it is cleared and the fragments get a random IP ID.
 *
 * <p>A packet too big only because of bytes after the IP total length (link padding) is shortened
 * instead. A packet without the network header annotation, with a malformed header, or whose
 * fragments cannot all be allocated from the packet pool, is dropped and counted in {@code drops};
 * no partial set of fragments is sent.
 *
 * <p>Ports: one input, one or two outputs; all push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code MTU}: unsigned integer, at least 8. The largest IP packet to send.</li>
 * <li>{@code HONOR_DF}: boolean. If false, fragment packets even if they have DF set. Default
 *     true.</li>
 * <li>{@code VERBOSE}: boolean. Report every packet sent to output 1, not just the first five.
 *     Default false.</li>
 * <li>{@code HEADROOM}: unsigned integer. Headroom of the new fragments. Default: the pool's
 *     default headroom.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code fragments} (read): fragments emitted (the first one of each packet included).</li>
 * <li>{@code drops} (read): packets sent to output 1 or dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; fr :: IPFragmenter(1500) -&gt; Queue -&gt; ...
 * fr[1] -&gt; ICMPError(18.26.4.24, unreachable, needfrag, PMTU 1500) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class IPFragmenter extends Element {
    private final int mtu;
    private final boolean honorDf;
    private final boolean verbose;
    private final int headroom;
    private final State state = new State();

    private static final class State {
        long fragments;
        long drops;
        long dfReports;
        /** Fragments 2..n of the packet being split, allocated before the first is sent. */
        final Packet[] pending = new Packet[PacketPool.BUFFER_SIZE / 8 + 2];
    }

    public IPFragmenter(ElementConfig c) {
        super(c);
        Args args = c.args();
        int m = args.mandatoryPositional("MTU").integer(-1, 0, Integer.MAX_VALUE);
        honorDf = args.positional("HONOR_DF").bool(true);
        verbose = args.positional("VERBOSE").bool(false);
        headroom = args.keyword("HEADROOM").integer(PacketPool.HEADROOM, 0, PacketPool.BUFFER_SIZE);
        if (m >= 0 && m < 8) {
            args.error("MTU must be at least 8");
        }
        mtu = m;
    }

    @Override
    public void push(int port, Packet p) {
        if (!p.hasNetworkHeader()) {
            drop(p);
            return;
        }
        int nh = p.networkHeaderOffset();
        if (p.length() - nh <= mtu) {
            output(0, p);
            return;
        }
        fragment(p, nh);
    }

    private void fragment(Packet p, int nh) {
        State s = state;
        int len = p.length();
        if (nh < 0 || nh + Ip.MIN_HEADER > len) {
            drop(p);
            return;
        }
        int hlen = Ip.headerLength(p, nh);
        int ipLen = p.u16(nh + 2);
        if (hlen < Ip.MIN_HEADER || ipLen < hlen || nh + ipLen > len) {
            drop(p);
            return;
        }
        if (ipLen <= mtu) {
            p.take(len - nh - ipLen);
            output(0, p);
            return;
        }
        int flags = p.u16(nh + 6);
        int firstData = (mtu - hlen) & ~7;
        if (((flags & Ip.DF) != 0 && honorDf) || firstData < 8) {
            s.drops++;
            if (verbose || s.dfReports++ < 5) {
                System.err.println(name() + ": IPFragmenter(" + mtu + ") DF "
                        + Ip.addressText(p.u32(nh + 12)) + " " + Ip.addressText(p.u32(nh + 16)) + " len=" + len);
            }
            checkedOutput(1, p);
            return;
        }

        // Fix the header every fragment starts from: DF cleared (with a fresh ID), MF set.
        if ((flags & Ip.DF) != 0) {
            p.setU16(nh + 4, ThreadLocalRandom.current().nextInt() & 0xFFFF);
            flags &= ~Ip.DF;
        }
        boolean hadMf = (flags & Ip.MF) != 0;
        flags |= Ip.MF;
        p.setU16(nh + 6, flags);

        int inData = ipLen - hlen;
        int outHlen = Ip.MIN_HEADER + copiedOptionsLength(p, nh, hlen, null, 0);
        int outData = (mtu - outHlen) & ~7;
        int n = 0;
        for (int off = firstData; off < inData; off += outData) {
            int dlen = Math.min(outData, inData - off);
            Packet q = newFragment(outHlen + dlen);
            if (q == null) {
                for (int i = 0; i < n; i++) {
                    s.pending[i].kill();
                    s.pending[i] = null;
                }
                drop(p);
                return;
            }
            Ip.copy(p, nh, q, 0, Ip.MIN_HEADER);
            copiedOptionsLength(p, nh, hlen, q, Ip.MIN_HEADER);
            Ip.copy(p, nh + hlen + off, q, outHlen, dlen);
            q.setU8(0, 0x40 | (outHlen >>> 2));
            q.setU16(2, outHlen + dlen);
            int qflags = flags + (off >>> 3);
            if (off + dlen >= inData && !hadMf) {
                qflags &= ~Ip.MF;
            }
            q.setU16(6, qflags);
            Ip.setHeaderChecksum(q, 0, outHlen);
            q.setNetworkHeader(0, outHlen);
            q.copyAnnotationsFrom(p);
            s.pending[n++] = q;
        }

        p.setU16(nh + 2, hlen + firstData);
        Ip.setHeaderChecksum(p, nh, hlen);
        p.take(len - (nh + hlen + firstData));
        s.fragments += n + 1;
        output(0, p);
        for (int i = 0; i < n; i++) {
            Packet q = s.pending[i];
            s.pending[i] = null;
            output(0, q);
        }
    }

    /** A fresh packet of {@code length} bytes with the configured headroom (less if it would not fit). */
    private Packet newFragment(int length) {
        Packet q = PacketPool.alloc();
        if (q == null) {
            return null;
        }
        int want = Math.min(headroom, PacketPool.BUFFER_SIZE - length);
        int have = q.headroom();
        if (want < have) {
            q.push(have - want);
        } else if (want > have) {
            q.put(want - have);
            q.pull(want - have);
        }
        q.setLength(length);
        return q;
    }

    /**
     * The length of the options with the copy bit set, padded to 4 bytes; if {@code to} is not
     * null, also writes them (and the end-of-options padding) at {@code toOff}.
     */
    private static int copiedOptionsLength(Packet p, int nh, int hlen, Packet to, int toOff) {
        int out = 0;
        int i = Ip.MIN_HEADER;
        while (i < hlen) {
            int type = p.u8(nh + i);
            if (type == Ip.OPT_NOP) {
                i++;
                continue;
            }
            if (type == Ip.OPT_EOL || i + 1 >= hlen) {
                break;
            }
            int olen = p.u8(nh + i + 1);
            if (olen < 2 || i + olen > hlen) {
                break;
            }
            if ((type & 0x80) != 0) {
                if (to != null) {
                    Ip.copy(p, nh + i, to, toOff + out, olen);
                }
                out += olen;
            }
            i += olen;
        }
        while ((out & 3) != 0) {
            if (to != null) {
                to.setU8(toOff + out, Ip.OPT_EOL);
            }
            out++;
        }
        return out;
    }

    private void drop(Packet p) {
        state.drops++;
        p.kill();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("fragments", () -> s.fragments);
        h.readLong("drops", () -> s.drops);
    }
}
