package io.jmill.elements.nat;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

import java.util.Arrays;

/**
 * Source NAT per flow: rewrites each flow's source address and port.
 *
 * <pre>FlowIPNAT(SIP [, keywords ACCEPT_NONSYN])</pre>
 *
 * <p>A flow element: it needs a {@code FlowIPManager} upstream. The first packet of each flow
 * takes a source port from a pool of ports 1024 to 65535, handed out first in, first out; every
 * packet of the flow then leaves with source address SIP and that port, its IP and TCP/UDP
 * checksums updated incrementally (RFC 1624; a UDP checksum of 0 stays 0). A flow's port returns
 * to the pool when its flow id is given to a new flow. {@code FlowIPNATReverse} translates the
 * replies back.
 *
 * <p>Dropped (counted in {@code drops}): packets that are not TCP or UDP, second and later
 * fragments, packets without a network header annotation or too short for their TCP (20 bytes) or
 * UDP (8 bytes) header, packets without a flow, and new flows that find no free port. FastClick's
 * FlowIPNAT handles TCP only; JMill also translates UDP.
 *
 * <p>Ports: one input, one output; push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code SIP}: IP address. The new source address. Mandatory.</li>
 * <li>{@code ACCEPT_NONSYN}: boolean. If false, a TCP flow whose first packet is not a SYN gets no
 *     port and its packets are dropped until one is. Default true.</li>
 * </ul>
 * FastClick's {@code STATE} (release the port when the TCP connection closes) is not supported.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code flows} (read): flows given a port.</li>
 * <li>{@code available} (read): ports left in the pool.</li>
 * <li>{@code drops} (read): packets dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * nat :: FlowIPNAT(SIP 1.0.0.1);
 * inside -&gt; FlowIPManager -&gt; nat -&gt; outside;
 * outside_replies -&gt; FlowIPNATReverse(nat) -&gt; inside_replies;
 * </pre>
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class FlowIPNAT extends Element implements DropCounter {
    static final int FIRST_PORT = 1024;
    static final int LAST_PORT = 65535;
    private static final int POOL = LAST_PORT - FIRST_PORT + 1;
    private static final int INITIAL_IDS = 1024;
    private static final int TCP = 6;
    private static final int UDP = 17;

    final int sip;
    private final boolean acceptNonSyn;
    final State state = new State();

    /** Per-flow ports and the reverse table by port; FlowIPNATReverse reads the latter. */
    static final class State {
        int[] serial = new int[INITIAL_IDS];
        int[] port = new int[INITIAL_IDS];
        /** Free ports, a FIFO ring. */
        final int[] ring = new int[POOL];
        int head;
        int available = POOL;
        /** By port: owning flow id + 1 (0: free), the original source address and port, the protocol. */
        final int[] portOwner = new int[LAST_PORT + 1];
        final int[] portSrc = new int[LAST_PORT + 1];
        final int[] portSport = new int[LAST_PORT + 1];
        final int[] portProto = new int[LAST_PORT + 1];
        long flows;
        long drops;

        State() {
            for (int i = 0; i < POOL; i++) {
                ring[i] = FIRST_PORT + i;
            }
        }

        void grow(int id) {
            int n = Math.min(Integer.highestOneBit(id) << 1, FlowIPManager.MAX_CAPACITY);
            serial = Arrays.copyOf(serial, n);
            port = Arrays.copyOf(port, n);
        }

        void release(int id) {
            int pt = port[id];
            if (pt != 0 && portOwner[pt] == id + 1) {
                portOwner[pt] = 0;
                ring[(head + available) % POOL] = pt;
                available++;
            }
            port[id] = 0;
        }
    }

    public FlowIPNAT(ElementConfig c) {
        super(c);
        Args args = c.args();
        sip = args.mandatoryPositional("SIP").ipAddress(0);
        acceptNonSyn = args.keyword("ACCEPT_NONSYN").bool(true);
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int len = p.length();
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        int th = nh < 0 ? -1 : p.transportHeaderOffset();
        if (nh < 0 || th < nh + 20 || th + 8 > len) {
            drop(s, p);
            return;
        }
        int proto = p.u8(nh + 9);
        if ((proto != TCP && proto != UDP) || (proto == TCP && th + 20 > len) || (p.u16(nh + 6) & 0x1FFF) != 0) {
            drop(s, p);
            return;
        }
        int id = p.flowId();
        int serial = (int) p.anno(FlowIPManager.FLOW_SERIAL);
        if (serial == 0 || id < 0 || id >= FlowIPManager.MAX_CAPACITY) {
            drop(s, p);
            return;
        }
        if (id >= s.serial.length) {
            s.grow(id);
        }
        int src = p.u32(nh + 12);
        int sport = p.u16(th);
        if (s.serial[id] != serial) {
            s.release(id);
            if ((!acceptNonSyn && proto == TCP && (p.u8(th + 13) & 0x02) == 0) || s.available == 0) {
                s.serial[id] = 0;
                drop(s, p);
                return;
            }
            int pt = s.ring[s.head];
            s.head = (s.head + 1) % POOL;
            s.available--;
            s.serial[id] = serial;
            s.port[id] = pt;
            s.portOwner[pt] = id + 1;
            s.portSrc[pt] = src;
            s.portSport[pt] = sport;
            s.portProto[pt] = proto;
            s.flows++;
        }
        int newPort = s.port[id];
        int ipd = IncrementalChecksum.addAddress(0, src, sip);
        int l4d = IncrementalChecksum.fold(IncrementalChecksum.addWord(ipd, sport, newPort));
        ipd = IncrementalChecksum.fold(ipd);
        p.setU32(nh + 12, sip);
        p.setU16(nh + 10, IncrementalChecksum.apply(p.u16(nh + 10), ipd));
        p.setU16(th, newPort);
        if (proto == TCP) {
            p.setU16(th + 16, IncrementalChecksum.apply(p.u16(th + 16), l4d));
        } else {
            int c = p.u16(th + 6);
            if (c != 0) {
                p.setU16(th + 6, IncrementalChecksum.applyUdp(c, l4d));
            }
        }
        output(0, p);
    }

    private static void drop(State s, Packet p) {
        s.drops++;
        p.kill();
    }

    /** The port the flow now holding {@code id} was given, or 0 (tests). */
    int port(int id) {
        return id < state.port.length ? state.port[id] : 0;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("flows", () -> s.flows);
        h.readLong("available", () -> s.available);
        h.readLong("drops", () -> s.drops);
    }
}
