package io.jmill.elements.ip;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Reassembles IP fragments.
 *
 * <pre>IPReassembler([keywords MAX_DATAGRAMS, TIMEOUT])</pre>
 *
 * <p>Expects IP packets with the network header annotation set. Packets that are not fragments
 * pass straight through. Fragments are collected per (source, destination, protocol,
 * identification) into a buffer of the packet pool, each at its offset, whatever the order they
 * come in and however they overlap; when every byte up to the last fragment has arrived, the
 * datagram leaves on output 0 with the first fragment's 20-byte header (its options are not kept),
 * the total length, cleared fragment fields and a new checksum, and with the first fragment's
 * annotations. Datagrams longer than a packet buffer (2048 bytes in all) cannot be reassembled and
 * are dropped.
 *
 * <p>At most MAX_DATAGRAMS datagrams are collected at once; a new one then replaces the one that
 * started first. A datagram not completed within TIMEOUT is given up; if it had received its first
 * fragment, that fragment is emitted on output 1 if it is connected (for ICMPError's reassembly
 * time exceeded), else dropped. Memory is bounded and nothing is allocated per fragment.
 *
 * <p>Ports: one push input; one or two push outputs.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code MAX_DATAGRAMS}: integer, 1 to 4096. Default 64.</li>
 * <li>{@code TIMEOUT}: time. Default 30 s (RFC 791's recommendation, as in Click).</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code reassembled} (read): datagrams completed.</li>
 * <li>{@code drops} (read): fragments dropped (malformed, too large, given up, or replaced).</li>
 * <li>{@code pending} (read): datagrams being collected now.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader -&gt; r :: IPReassembler -&gt; ...;  r[1] -&gt; ICMPError(10.0.0.1, timeexceeded, reassembly) -&gt; ...</pre>
 *
 * <p>See also: IPFragmenter, ICMPError.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class IPReassembler extends Element implements DropCounter {
    /** Bytes of IP data a buffer holds after the 20-byte header. */
    static final int MAX_DATA = PacketPool.DATA_SIZE - 20;
    /** 8-byte units per datagram, 64 per word of the received map. */
    static final int WORDS = (MAX_DATA / 8 + 63) / 64;

    private final long timeoutNanos;
    private final Datagram[] slots;
    private final State state = new State();

    private static final class State {
        long reassembled;
        long drops;
        /** The next slot checked for a time-out. */
        int sweep;
    }

    /** One datagram being collected. */
    private static final class Datagram {
        int src;
        int dst;
        int idProto;
        /** The buffer (null: the slot is free). */
        Packet buffer;
        /** The first fragment, kept for output 1 until the datagram completes; or null. */
        Packet first;
        long started;
        /** IP data length, known once the last fragment came; -1 before. */
        int total = -1;
        final long[] received = new long[WORDS];
    }

    public IPReassembler(ElementConfig c) {
        super(c);
        var args = c.args();
        int n = args.keyword("MAX_DATAGRAMS").integer(64, 1, 4096);
        timeoutNanos = args.keyword("TIMEOUT").durationNanos(30_000_000_000L);
        slots = new Datagram[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new Datagram();
        }
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        long now = WorkerClock.nanos();
        sweep(now);
        if (!Ip.hasBasicHeader(p)) {
            output(0, p);
            return;
        }
        int nh = p.networkHeaderOffset();
        int frag = p.u16(nh + 6);
        if ((frag & (Ip.MF | Ip.OFFSET_MASK)) == 0) {
            output(0, p);
            return;
        }
        int hlen = Ip.headerLength(p, nh);
        int len = p.u16(nh + 2);
        int off = (frag & Ip.OFFSET_MASK) << 3;
        int dlen = len - hlen;
        boolean more = (frag & Ip.MF) != 0;
        if (hlen < 20 || len > p.length() - nh || dlen < 0 || (more && (dlen & 7) != 0) || off + dlen > MAX_DATA) {
            s.drops++;
            p.kill();
            return;
        }
        Datagram d = find(p.u32(nh + 12), p.u32(nh + 16), (p.u16(nh + 4) << 8) | p.u8(nh + 9), now);
        if (d == null) {
            s.drops++;
            p.kill();
            return;
        }
        Packet b = d.buffer;
        if (b.length() < 20 + off + dlen) {
            b.setLength(20 + off + dlen);
        }
        p.copyTo(nh + hlen, b, 20 + off, dlen);
        for (int u = off >>> 3, end = (off + dlen + 7) >>> 3; u < end; u++) {
            d.received[u >>> 6] |= 1L << u;
        }
        if (!more) {
            d.total = off + dlen;
        }
        if (off == 0 && d.first == null) {
            p.copyTo(nh, b, 0, 20);
            b.copyAnnotationsFrom(p);
            d.first = p;
        } else {
            p.kill();
        }
        if (complete(d)) {
            finish(d);
        }
    }

    /** The slot of this datagram, or a new one (replacing the oldest if all are busy); null if no buffer. */
    private Datagram find(int src, int dst, int idProto, long now) {
        Datagram free = null;
        Datagram oldest = null;
        for (Datagram d : slots) {
            if (d.buffer == null) {
                if (free == null) {
                    free = d;
                }
            } else if (d.src == src && d.dst == dst && d.idProto == idProto) {
                return d;
            } else if (oldest == null || d.started - oldest.started < 0) {
                oldest = d;
            }
        }
        if (free == null) {
            giveUp(oldest, false);
            free = oldest;
        }
        Packet b = PacketPool.alloc();
        if (b == null) {
            return null;
        }
        b.setLength(20);
        free.buffer = b;
        free.src = src;
        free.dst = dst;
        free.idProto = idProto;
        free.started = now;
        free.total = -1;
        java.util.Arrays.fill(free.received, 0L);
        return free;
    }

    private static boolean complete(Datagram d) {
        if (d.total < 0 || d.first == null) {
            return false;
        }
        int units = (d.total + 7) >>> 3;
        for (int w = 0; w < (units >>> 6); w++) {
            if (d.received[w] != -1L) {
                return false;
            }
        }
        int rest = units & 63;
        return rest == 0 || (d.received[units >>> 6] | (-1L << rest)) == -1L;
    }

    private void finish(Datagram d) {
        Packet b = d.buffer;
        int len = 20 + d.total;
        b.setLength(len);
        b.setU8(0, 0x45);
        b.setU16(2, len);
        b.setU16(6, b.u16(6) & Ip.DF);
        Ip.setHeaderChecksum(b, 0, 20);
        b.setNetworkHeader(0, 20);
        b.setDstIpAnno(b.u32(16));
        d.first.kill();
        d.first = null;
        d.buffer = null;
        state.reassembled++;
        output(0, b);
    }

    /** Frees a datagram's buffer; its first fragment goes to output 1 if {@code timedOut}, else is dropped. */
    private void giveUp(Datagram d, boolean timedOut) {
        State s = state;
        s.drops++;
        d.buffer.kill();
        d.buffer = null;
        Packet first = d.first;
        d.first = null;
        if (first != null) {
            if (timedOut) {
                checkedOutput(1, first);
            } else {
                first.kill();
            }
        }
    }

    /** Checks one slot for a time-out per packet: bounded work, every slot checked in turn. */
    private void sweep(long now) {
        State s = state;
        Datagram d = slots[s.sweep];
        s.sweep = s.sweep + 1 == slots.length ? 0 : s.sweep + 1;
        if (d.buffer != null && now - d.started > timeoutNanos) {
            giveUp(d, true);
        }
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void cleanup() {
        for (Datagram d : slots) {
            if (d.buffer != null) {
                d.buffer.kill();
                d.buffer = null;
            }
            if (d.first != null) {
                d.first.kill();
                d.first = null;
            }
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Datagram[] all = slots;
        h.readLong("reassembled", () -> s.reassembled);
        h.readLong("drops", () -> s.drops);
        h.readLong("pending", () -> {
            int n = 0;
            for (Datagram d : all) {
                n += d.buffer != null ? 1 : 0;
            }
            return n;
        });
    }
}
