package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

import java.util.Arrays;

/**
 * Numbers TCP and UDP flows in the aggregate annotation, and paints their directions.
 *
 * <p>Sets each packet's aggregate annotation to its flow's number and its paint annotation to its
 * direction.
 *
 * <pre>AggregateIPFlows([keywords TCP_TIMEOUT, TCP_DONE_TIMEOUT, UDP_TIMEOUT, FRAGMENT_TIMEOUT,
 * REAP, FRAGMENTS, SYMETRIC, ICMP])</pre>
 *
 * <p>A flow is a protocol, two addresses and two ports; its reply packets belong to it too (with
 * SYMETRIC, the default). Flows are numbered from 1 in the order they are first seen. The first
 * packet of a flow, and every packet in its direction, is painted 0; replies are painted 1. A flow
 * that has seen nothing for its timeout (UDP_TIMEOUT, or TCP_TIMEOUT, or TCP_DONE_TIMEOUT once both
 * sides sent FIN or one sent RST; in packet time, from the timestamp annotations) gets a new number
 * when it is seen again, as does a finished TCP flow on a new SYN. Packets that are not TCP or UDP,
 * or too short to hold the ports, leave on output 1 if it exists, else are dropped.
 *
 * <p>With FRAGMENTS (the default when pushed), the second and later fragments of a datagram get the
 * flow of its first fragment: fragments are held, with every later packet between the same two
 * addresses so that those keep their order, until their first fragment's ports are known; a
 * fragment still unmatched after FRAGMENT_TIMEOUT seconds of packet time goes to output 1 (or is
 * dropped). {@code clear} lets held packets go. Without FRAGMENTS, later fragments go to output 1.
 * Packets without a timestamp are stamped with the current time (with a warning, once).
 *
 * <p>Hosts are ordered as FastClick orders them on a little-endian machine (by the address's bytes
 * read as a little-endian integer), which decides which side counts as the reply for flows first
 * seen in the middle, and for flows between ports of one host.
 *
 * <p>Ports: one input, one or two outputs; agnostic (pushed if FRAGMENTS is true).
 *
 * <p>Keyword arguments: TCP_TIMEOUT (default 24 hours), TCP_DONE_TIMEOUT (30 s), UDP_TIMEOUT
 * (60 s), FRAGMENT_TIMEOUT (30 s): times. REAP: accepted (expired flows are renumbered when seen
 * again; the table keeps their entries). FRAGMENTS, SYMETRIC (default true): booleans. ICMP:
 * boolean, only false (JMill does not assign flows to ICMP errors). Click's TRACEINFO and SOURCE
 * are not offered.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code clear} (write): forgets every flow (later packets get new numbers) and lets the held
 *     fragments go, on the writer's thread: write it when the traffic has stopped.</li>
 * <li>{@code count} (read): the number of flows numbered so far.</li>
 * </ul>
 *
 * <p>Example (packets per flow):
 * <pre>FromDump(trace.pcap, STOP true, FORCE_IP true) -&gt; af :: AggregateIPFlows -&gt; ac :: AggregateCounter -&gt; Discard;
 * DriverManager(wait, write af.clear, write ac.write_text_file -)</pre>
 *
 * <p>See also: AggregateCounter, PaintRR.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class AggregateIPFlows extends Element {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int EMIT = 0;
    private static final int DROP = 1;
    private static final int HELD = 2;

    private final long tcpTimeout;
    private final long tcpDoneTimeout;
    private final long udpTimeout;
    private final long fragmentTimeout;
    private final boolean symmetric;
    /** FRAGMENTS as configured; null: decided at initialization (true if pushed). */
    private final Boolean fragmentsSetting;
    private final State state = new State();

    private static final class State {
        boolean fragments;
        boolean warnedTimestamp;
        int next = 1;
        final FlowTable flows = new FlowTable();
        /** Held packets in arrival order, with their host pair; null where one left early. */
        Packet[] held = new Packet[16];
        long[] heldPair = new long[16];
        int heldCount;
    }

    public AggregateIPFlows(ElementConfig c) {
        super(c);
        Args args = c.args();
        tcpTimeout = args.keyword("TCP_TIMEOUT").durationNanos(86_400_000_000_000L);
        tcpDoneTimeout = args.keyword("TCP_DONE_TIMEOUT").durationNanos(30_000_000_000L);
        udpTimeout = args.keyword("UDP_TIMEOUT").durationNanos(60_000_000_000L);
        fragmentTimeout = args.keyword("FRAGMENT_TIMEOUT").durationNanos(30_000_000_000L);
        args.keyword("REAP").durationNanos(0);
        symmetric = args.keyword("SYMETRIC").bool(true);
        var f = args.keyword("FRAGMENTS");
        fragmentsSetting = f.present() ? f.bool(true) : null;
        if (args.keyword("ICMP").bool(false)) {
            args.error("ICMP: true is not supported (ICMP errors are not assigned to flows)");
        }
    }

    @Override
    public void initialize() throws Exception {
        boolean pushed = inputIsPush(0);
        if (Boolean.TRUE.equals(fragmentsSetting) && !pushed) {
            throw new IllegalStateException("'FRAGMENTS true' is incompatible with pull; run this element in a push context");
        }
        state.fragments = fragmentsSetting == null ? pushed : fragmentsSetting;
    }

    @Override
    public void push(int port, Packet p) {
        int action = handle(p);
        if (action == EMIT) {
            output(0, p);
        } else if (action == DROP) {
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null) {
            return null;
        }
        int action = handle(p);
        if (action == EMIT) {
            return p;
        }
        checkedOutput(1, p);
        return null;
    }

    /** FastClick's order of hosts on a little-endian machine. */
    private static long order(int address) {
        return Integer.reverseBytes(address) & 0xFFFF_FFFFL;
    }

    private int handle(Packet p) {
        State s = state;
        if (p.timestampNanos() == 0) {
            if (!s.warnedTimestamp) {
                s.warnedTimestamp = true;
                System.err.println(name() + ": warning: packet received without timestamp");
            }
            p.setTimestampNanos(WorkerClock.wallNanos());
        }
        if (!p.hasNetworkHeader()) {
            return DROP;
        }
        int nh = p.networkHeaderOffset();
        if (nh < 0 || nh + 20 > p.length()) {
            return DROP;
        }
        int proto = p.u8(nh + 9);
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        if ((proto != TCP && proto != UDP) || (src == 0 && dst == 0)) {
            return DROP;
        }
        int paint = 0;
        int a = src;
        int b = dst;
        if (symmetric && order(src) > order(dst)) {
            a = dst;
            b = src;
        }
        if (a != src) {
            paint ^= 1;
        }
        long pair = ((long) a << 32) | (b & 0xFFFF_FFFFL);
        int fragField = p.u16(nh + 6);
        boolean fragment = (fragField & 0x3FFF) != 0;
        boolean first = (fragField & 0x1FFF) == 0;
        int flow = -1;
        if (first) {
            int th = nh + (p.u8(nh) & 0xF) * 4;
            if (th + 4 > p.length()) {
                return DROP;
            }
            int sport = p.u16(th);
            int dport = p.u16(th + 2);
            if (a == b && portsReversed(sport, dport)) {
                paint ^= 1;
            }
            int ports = (paint & 1) != 0 ? (dport << 16) | sport : (sport << 16) | dport;
            flow = find(s, proto, pair, ports, (paint & 1) != 0, p);
            if (s.flows.reverse(flow)) {
                paint ^= 1;
            }
            p.setAggregate(s.flows.aggregate(flow));
        } else {
            p.setAggregate(0);
        }
        p.setPaint(paint);
        if ((s.fragments && fragment) || hasHeld(s, pair)) {
            hold(s, p, pair);
            return HELD;
        }
        if (flow < 0) {
            return DROP;
        }
        emitted(s, p, flow, nh);
        return EMIT;
    }

    /** FastClick's test on the two ports as one little-endian word. */
    private static boolean portsReversed(int sport, int dport) {
        int ports = (Short.reverseBytes((short) dport) & 0xFFFF) << 16 | (Short.reverseBytes((short) sport) & 0xFFFF);
        return (ports << 16) - ports < 0;
    }

    /** The flow's slot, renumbering it if it expired or a finished TCP flow starts again. */
    private int find(State s, int proto, long pair, int ports, boolean flipped, Packet p) {
        FlowTable t = s.flows;
        int slot = t.find(proto, pair, ports);
        long now = p.timestampNanos();
        if (slot >= 0) {
            long age = now - t.last(slot);
            int over = t.over(slot);
            long timeout = proto == UDP ? udpTimeout : over == 3 ? tcpDoneTimeout : tcpTimeout;
            boolean syn = proto == TCP && (tcpFlags(p) & 0x02) != 0;
            if (age / 1_000_000_000L > timeout / 1_000_000_000L || (over == 3 && syn)) {
                t.renumber(slot, s.next++, flipped);
            }
            return slot;
        }
        return t.insert(proto, pair, ports, s.next++, flipped);
    }

    private static int tcpFlags(Packet p) {
        int nh = p.networkHeaderOffset();
        int th = nh + (p.u8(nh) & 0xF) * 4;
        return th + 14 <= p.length() ? p.u8(th + 13) : 0;
    }

    /** Records a packet leaving on output 0: its flow's last time, and TCP's end. */
    private void emitted(State s, Packet p, int flow, int nh) {
        FlowTable t = s.flows;
        t.setLast(flow, p.timestampNanos());
        if (p.u8(nh + 9) == TCP && (p.u16(nh + 6) & 0x1FFF) == 0 && p.paint() < 2) {
            int flags = tcpFlags(p);
            if ((flags & 0x04) != 0) {
                t.setOver(flow, 3);
            } else if ((flags & 0x01) != 0) {
                t.setOver(flow, t.over(flow) | (1 << p.paint()));
            } else if ((flags & 0x02) != 0) {
                t.setOver(flow, 0);
            }
        }
    }

    // ------------------------------------------------------------------ held fragments

    private static boolean hasHeld(State s, long pair) {
        for (int i = 0; i < s.heldCount; i++) {
            if (s.held[i] != null && s.heldPair[i] == pair) {
                return true;
            }
        }
        return false;
    }

    private void hold(State s, Packet p, long pair) {
        if (s.heldCount == s.held.length) {
            compact(s);
            if (s.heldCount == s.held.length) {
                s.held = Arrays.copyOf(s.held, s.held.length * 2);
                s.heldPair = Arrays.copyOf(s.heldPair, s.heldPair.length * 2);
            }
        }
        s.held[s.heldCount] = p;
        s.heldPair[s.heldCount++] = pair;
        long limit = p.timestampNanos() / 1_000_000_000L - fragmentTimeout / 1_000_000_000L;
        int head;
        while ((head = headOf(s, pair)) >= 0) {
            Packet h = s.held[head];
            if (h.timestampNanos() / 1_000_000_000L >= limit && isFragment(h)) {
                break;
            }
            release(s, head);
        }
    }

    private static boolean isFragment(Packet p) {
        return (p.u16(p.networkHeaderOffset() + 6) & 0x3FFF) != 0;
    }

    private static int ipId(Packet p) {
        return p.u16(p.networkHeaderOffset() + 4);
    }

    private static int headOf(State s, long pair) {
        for (int i = 0; i < s.heldCount; i++) {
            if (s.held[i] != null && s.heldPair[i] == pair) {
                return i;
            }
        }
        return -1;
    }

    /** Lets held packet {@code i} go, with the flow its datagram's first fragment gave (or drops it). */
    private void release(State s, int i) {
        Packet head = s.held[i];
        long pair = s.heldPair[i];
        s.held[i] = null;
        int id = ipId(head);
        if (head.aggregate() != 0) {
            for (int k = i + 1; k < s.heldCount; k++) {
                Packet q = s.held[k];
                if (q != null && s.heldPair[k] == pair && ipId(q) == id) {
                    q.setAggregate(head.aggregate());
                    q.setPaint(head.paint());
                }
            }
        } else {
            boolean found = false;
            for (int k = i + 1; k < s.heldCount && !found; k++) {
                Packet q = s.held[k];
                if (q != null && s.heldPair[k] == pair && ipId(q) == id && q.aggregate() != 0) {
                    head.setAggregate(q.aggregate());
                    head.setPaint(q.paint());
                    found = true;
                }
            }
            if (!found) {
                checkedOutput(1, head);
                return;
            }
        }
        int flow = s.flows.findByAggregate(head.aggregate());
        if (flow >= 0) {
            emitted(s, head, flow, head.networkHeaderOffset());
        }
        output(0, head);
    }

    private static void compact(State s) {
        int n = 0;
        for (int i = 0; i < s.heldCount; i++) {
            if (s.held[i] != null) {
                s.held[n] = s.held[i];
                s.heldPair[n++] = s.heldPair[i];
            }
        }
        Arrays.fill(s.held, n, s.heldCount, null);
        s.heldCount = n;
    }

    /** Lets every held packet go, in order. */
    private void releaseAll(State s) {
        for (int i = 0; i < s.heldCount; i++) {
            if (s.held[i] != null) {
                release(s, i);
            }
        }
        compact(s);
    }

    @Override
    public void cleanup() {
        State s = state;
        for (int i = 0; i < s.heldCount; i++) {
            if (s.held[i] != null) {
                s.held[i].kill();
                s.held[i] = null;
            }
        }
        s.heldCount = 0;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.write("clear", v -> {
            synchronized (s) {
                releaseAll(s);
                s.flows.clear();
            }
        });
        h.readLong("count", () -> s.next - 1);
    }
}
