package io.jmill.elements.ip;

import io.jmill.engine.element.ElementHost;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Generates ICMP error packets.
 *
 * <pre>ICMPError(SRC, TYPE [, CODE, BADADDRS, keywords MTU, PMTU, SET_FIX_ANNO])</pre>
 *
 * <p>For each incoming IP packet (with the network header annotation set), generates an ICMP
 * error message of type TYPE and code CODE addressed to the packet's source, and emits it instead
 * of the packet, which is always consumed. The output is an IP packet: it starts at the IP header,
 * with no link header, and has its network header annotation set, so it can go straight back to
 * the routing table. Its IP header has source SRC, destination the original source, TTL 200, TOS 0,
 * a fresh IP ID (from one counter shared by all ICMPError elements of the router, as Click's and
 * FastClick's one static counter) and a valid checksum; the ICMP message carries the original
 * packet from its IP header on, as much of it as fits in MTU bytes (RFC 1812 4.3.2.3; at least the IP header and
 * 8 bytes of data), and a valid checksum. The destination IP annotation is set to the
 * destination, the Fix IP Source annotation (unless SET_FIX_ANNO is false) so that
 * {@code FixIPSrc} on the outgoing interface can put in the right source address, and the
 * timestamp annotation to now.
 *
 * <p>TYPE and CODE are numbers 0-255 or names. TYPE must be an error type: {@code unreachable} (3),
 * {@code sourcequench} (4), {@code redirect} (5), {@code timeexceeded} (11) or
 * {@code parameterproblem} (12). CODE defaults to 0; its names depend on the type:
 * {@code net}, {@code host}, {@code protocol}, {@code port}, {@code needfrag}, {@code srcroutefail},
 * ... for unreachable; {@code net}, {@code host}, {@code tosnet}, {@code toshost} for redirect;
 * {@code transit}, {@code reassembly} for timeexceeded; {@code erroratptr}, {@code missingopt},
 * {@code length} for parameterproblem.
 * <ul>
 * <li>parameterproblem/erroratptr: the pointer is taken from the packet's ICMP parameter problem
 *     annotation (which IPGWOptions sets);</li>
 * <li>redirect: the gateway address is the packet's destination IP annotation; RFC 1812 says only
 *     code {@code host} should be used;</li>
 * <li>unreachable/needfrag: the next-hop MTU field is PMTU (RFC 1191).</li>
 * </ul>
 * If the packet carries a valid source route option, the error carries that route reversed (the
 * addresses already visited), RFC 1812 4.3.2.6.
 *
 * <p>As RFC 1812 4.3.2.7 requires, no error is generated (the packet is just consumed) for: an ICMP
 * error message, a packet to the limited broadcast address, a multicast address or one of BADADDRS,
 * a link-level broadcast or multicast (packet type annotation), a packet whose source is not a
 * valid unicast address (0.0.0.0/8, 127.0.0.0/8, 240.0.0.0/4, multicast, limited broadcast,
 * BADADDRS), a fragment other than the first, a redirect for a source-routed packet, and a packet
 * without a network header annotation or whose IP header does not fit in it. ICMPError cannot tell
 * directed broadcasts: list them in BADADDRS. Connect its output through a rate limiter if needed.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code SRC}: IP address. Source address of the errors.</li>
 * <li>{@code TYPE}, {@code CODE}: as described above.</li>
 * <li>{@code BADADDRS}: space-separated list of IP addresses for which no error is generated (as
 *     source or destination); usually this subnet's broadcast addresses.</li>
 * <li>{@code MTU}: unsigned integer, 68 to 65535. Largest error packet. Default 576. JMill packets
 *     hold at most 2048 bytes, so larger values act as 2048.</li>
 * <li>{@code PMTU}: unsigned integer. The next-hop MTU reported by needfrag errors. Default 0.</li>
 * <li>{@code SET_FIX_ANNO} (alias {@code USE_FIX_ANNO}): boolean. If false, do not set the Fix IP
 *     Source annotation. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code src}, {@code mtu}, {@code pmtu} (read/write): the SRC, MTU and PMTU settings.</li>
 * <li>{@code drops} (read; a JMill addition): errors not generated because the packet pool was
 *     exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>dt :: DecIPTTL;
 * dt[1] -&gt; ICMPError(18.26.4.24, timeexceeded) -&gt; rt;
 * fr :: IPFragmenter(1500);
 * fr[1] -&gt; ICMPError(18.26.4.24, unreachable, needfrag, PMTU 1500) -&gt; rt;</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ICMPError extends SimpleElement {
    static final int MIN_MTU = 68;
    static final int TTL = 200;

    private final int type;
    private final int code;
    private final int[] badAddrs;
    private final boolean setFixAnno;
    private final State state = new State();
    /** Per router: the IP ID counter its ICMPError elements share. */
    private static final Map<ElementHost, AtomicInteger> IDS = new WeakHashMap<>();

    private static final class State {
        volatile int src;
        volatile int mtu;
        volatile int pmtu;
        /** The IP ID counter, shared by every ICMPError of the router (as Click's one static counter). */
        AtomicInteger ids;
        long drops;
    }

    @Override
    public void initialize() {
        synchronized (IDS) {
            state.ids = IDS.computeIfAbsent(host(), h -> new AtomicInteger(1));
        }
    }

    public ICMPError(ElementConfig c) {
        super(c);
        Args args = c.args();
        state.src = args.mandatoryPositional("SRC").ipAddress(0);
        Arg typeArg = args.mandatoryPositional("TYPE");
        Arg codeArg = args.positional("CODE");
        badAddrs = AddressLists.addresses(args, args.positional("BADADDRS"));
        state.mtu = args.keyword("MTU").integer(576, MIN_MTU, 0xFFFF);
        state.pmtu = args.keyword("PMTU").integer(0, 0, 0xFFFF);
        boolean useFix = args.keyword("USE_FIX_ANNO").bool(true);
        setFixAnno = args.keyword("SET_FIX_ANNO").bool(useFix);

        int t = -1;
        if (typeArg.present()) {
            t = IcmpNames.type(typeArg.string(""));
            if (t < 0) {
                args.error("TYPE: expected ICMP type (integer 0-255 or name), got '" + typeArg.raw() + "'");
            } else if (!isErrorType(t)) {
                args.error("ICMP type " + t + " is not an error type");
            }
        }
        int k = 0;
        if (codeArg.present() && t >= 0) {
            k = IcmpNames.code(t, codeArg.string(""));
            if (k < 0) {
                String names = IcmpNames.codeNames(t);
                args.error("CODE: expected ICMP code (integer 0-255" + (names.isEmpty() ? "" : " or one of " + names)
                        + "), got '" + codeArg.raw() + "'");
            }
        }
        type = t;
        code = k;
    }

    static boolean isErrorType(int type) {
        return type == Ip.ICMP_UNREACH || type == Ip.ICMP_SOURCEQUENCH || type == Ip.ICMP_REDIRECT
                || type == Ip.ICMP_TIMXCEED || type == Ip.ICMP_PARAMPROB;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        Packet q = error(p);
        p.kill();
        return q;
    }

    /** The error packet for {@code p}, or null if none may be sent. */
    private Packet error(Packet p) {
        if (!Ip.hasBasicHeader(p)) {
            return null;
        }
        int nh = p.networkHeaderOffset();
        int len = p.length();
        int hlen = Ip.headerLength(p, nh);
        if (hlen < Ip.MIN_HEADER || nh + hlen > len) {
            return null;
        }
        if (p.u8(nh + 9) == Ip.PROTO_ICMP && (nh + hlen + 4 > len || isErrorType(p.u8(nh + hlen)))) {
            return null;
        }
        int origSrc = p.u32(nh + 12);
        int pt = p.packetType();
        if (!unicast(p.u32(nh + 16)) || pt == Packet.BROADCAST || pt == Packet.MULTICAST || !validSource(origSrc)
                || (p.u16(nh + 6) & Ip.OFFSET_MASK) != 0) {
            return null;
        }
        int route = sourceRoute(p, nh, hlen);
        if (route >= 0) {
            if (type == Ip.ICMP_REDIRECT) {
                return null;
            }
            int pointer = p.icmpParamProb();
            if (type == Ip.ICMP_PARAMPROB && code == 0 && route <= pointer && pointer < route + p.u8(nh + route + 1)) {
                route = -1;     // the problem is the source route itself: do not use it (RFC 1812 4.3.2.6)
            }
        }

        State s = state;
        Packet q = PacketPool.alloc();
        if (q == null) {
            s.drops++;
            return null;
        }
        int routeLen = route >= 0 ? p.u8(nh + route + 2) - 1 : 0;
        int iphl = route >= 0 ? (Ip.MIN_HEADER + routeLen + 3) & ~3 : Ip.MIN_HEADER;
        int mtu = Math.min(s.mtu, PacketPool.DATA_SIZE);
        int quoted = Math.min(mtu - iphl - 8, len - nh);
        int total = iphl + 8 + quoted;
        q.setLength(total);

        q.setU16(0, ((0x40 | (iphl >>> 2)) << 8));
        q.setU16(2, total);
        q.setU16(4, s.ids.getAndIncrement() & 0xFFFF);
        q.setU16(6, 0);
        q.setU16(8, (TTL << 8) | Ip.PROTO_ICMP);
        q.setU16(10, 0);
        q.setU32(12, s.src);
        q.setU32(16, origSrc);
        if (route >= 0) {
            q.setU8(20, p.u8(nh + route));
            q.setU8(21, routeLen);
            q.setU8(22, 4);
            int o = 23;
            for (int a = nh + route + routeLen - 4; a >= nh + route + 3; a -= 4, o += 4) {
                q.setU32(o, p.u32(a));
            }
            for (; o < iphl; o++) {
                q.setU8(o, Ip.OPT_EOL);
            }
        }
        Ip.setHeaderChecksum(q, 0, iphl);

        int ih = iphl;
        q.setU16(ih, (type << 8) | code);
        q.setU16(ih + 2, 0);
        q.setU32(ih + 4, 0);
        if (type == Ip.ICMP_PARAMPROB && code == 0) {
            q.setU8(ih + 4, p.icmpParamProb());
        } else if (type == Ip.ICMP_REDIRECT) {
            q.setU32(ih + 4, p.dstIpAnno());
        } else if (type == Ip.ICMP_UNREACH && code == 4) {
            q.setU16(ih + 6, s.pmtu);
        }
        Ip.copy(p, nh, q, ih + 8, quoted);
        q.setU16(ih + 2, Checksum.of(q, ih, 8 + quoted));

        q.setNetworkHeader(0, iphl);
        q.setDstIpAnno(origSrc);
        q.setFixIpSrc(setFixAnno);
        q.setTimestampNanos(WorkerClock.wallNanos());
        return q;
    }

    private boolean unicast(int address) {
        return address != 0xFFFF_FFFF && !Ip.isMulticast(address) && !Ip.contains(badAddrs, address);
    }

    /** RFC 1812 5.3.7: not broadcast, multicast, this network (0/8), loopback (127/8) or class E. */
    private boolean validSource(int address) {
        int net = address >>> 24;
        return unicast(address) && net != 0 && net != 127 && (net & 0xF0) != 0xF0;
    }

    /**
     * Offset (from the IP header) of a usable loose or strict source route option: pointer at least
     * 4, a multiple of 4, and at most one past the option. -1 if there is none.
     */
    private static int sourceRoute(Packet p, int nh, int hlen) {
        int oi = Ip.MIN_HEADER;
        while (oi < hlen) {
            int t = p.u8(nh + oi);
            if (t == Ip.OPT_NOP) {
                oi++;
                continue;
            }
            if (t == Ip.OPT_EOL || oi + 1 >= hlen) {
                return -1;
            }
            int xlen = p.u8(nh + oi + 1);
            if (xlen < 2 || oi + xlen > hlen) {
                return -1;
            }
            if ((t == Ip.OPT_LSRR || t == Ip.OPT_SSRR) && xlen >= 3) {
                int ptr = p.u8(nh + oi + 2);
                if (ptr >= 4 && ptr % 4 == 0 && ptr <= xlen + 1) {
                    return oi;
                }
            }
            oi += xlen;
        }
        return -1;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("src", () -> Ip.addressText(s.src), v -> s.src = HandlerValues.ipAddress("src", v));
        h.readWrite("mtu", () -> Integer.toString(s.mtu), v -> s.mtu = HandlerValues.integer("mtu", v, MIN_MTU, 0xFFFF));
        h.readWrite("pmtu", () -> Integer.toString(s.pmtu), v -> s.pmtu = HandlerValues.integer("pmtu", v, 0, 0xFFFF));
        h.readLong("drops", () -> s.drops);
    }
}
