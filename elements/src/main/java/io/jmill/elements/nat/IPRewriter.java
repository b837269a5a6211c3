package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Rewrites TCP/UDP packets' addresses and ports (network address/port translation, NAPT).
 *
 * <pre>IPRewriter(INPUTSPEC1, ..., INPUTSPECn [, keywords TCP_TIMEOUT, TCP_DONE_TIMEOUT,
 *     TCP_NODATA_TIMEOUT, UDP_TIMEOUT, UDP_STREAMING_TIMEOUT, REAP_INTERVAL, MAPPING_CAPACITY,
 *     DST_ANNO, REPLY_ANNO, SET_AGGREGATE, ...])</pre>
 *
 * <p>Rewrites the source address, source port, destination address and/or destination port of TCP
 * and UDP packets, updating the IP and TCP/UDP checksums incrementally (RFC 1624; a UDP checksum
 * of 0, "no checksum", stays 0).
 *
 * <p>IPRewriter keeps a <em>mapping table</em> indexed by flow identifier, the quintuple (source
 * address, source port, destination address, destination port, protocol). A mapping
 * {@code (SA, SP, DA, DP) => (SA', SP', DA', DP') [OUTPUT]} says how packets of a flow are
 * rewritten and where they go. A packet that matches a mapping, whatever input it arrived on, is
 * rewritten and emitted on the mapping's output. A packet with no mapping is handled by the
 * INPUTSPEC of its input port (there are as many inputs as INPUTSPECs):
 * <ul>
 * <li>{@code drop} or {@code discard}: drop it.</li>
 * <li>{@code pass OUTPUT} (also {@code passthrough}, {@code nochange}; OUTPUT defaults to 0):
 *     emit it unchanged on OUTPUT; no mapping is installed.</li>
 * <li>{@code keep FOUTPUT ROUTPUT}: install mappings that keep the flow as it is: the packet (and
 *     its flow) goes to FOUTPUT, packets of the reply flow to ROUTPUT.</li>
 * <li>{@code pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT}: rewrite by the pattern: each field
 *     is a dash (keep the packet's value) or a value. SPORT may be a range {@code L-H}: a source
 *     port in the range is chosen so that the new mapping does not clash with an existing one
 *     (its reply flow must be new). The packet's own source port is preferred if it lies in the
 *     range and is free, otherwise the search starts at a random port; append {@code #}
 *     ({@code 1024-65535#}) to allocate sequentially, or {@code ?} to start at a random port
 *     without preferring the packet's. If no port is free the packet is dropped (a mapping
 *     failure). For a flow {@code (SA, SP, DA, DP)} rewritten to {@code (SA', SP', DA', DP')} two
 *     mappings are installed: {@code (SA, SP, DA, DP) => (SA', SP', DA', DP') [FOUTPUT]} and
 *     {@code (DA', DP', SA', SP') => (DA, DP, SA, SP) [ROUTPUT]}.</li>
 * <li>{@code pattern PATNAME FOUTPUT ROUTPUT}: likewise with a pattern named in an
 *     {@code IPRewriterPatterns} element.</li>
 * <li>{@code MAPPERNAME}: the name of an IPMapper element ({@code RoundRobinIPMapper},
 *     {@code ThreadIPMapper}), which picks the pattern, and so the outputs, of each new flow.</li>
 * </ul>
 *
 * <p>Input packets must have their network header annotation set (e.g. by {@code CheckIPHeader}
 * or {@code MarkIPHeader}). As in Click, packets that are not TCP or UDP, second and later
 * fragments, and packets with less than 8 bytes of transport header are emitted unchanged if they
 * arrived on a {@code pass} input and dropped otherwise; JMill treats packets without a network
 * header annotation, or whose IP header does not fit in the packet, the same way. ICMP is not
 * translated (Click's ICMPPingRewriter and ICMPRewriter do that).
 *
 * <p>When a new flow would exceed MAPPING_CAPACITY, room is made as in Click: a flow is
 * <em>guaranteed</em> for GUARANTEE after each of its packets and <em>best effort</em> after that;
 * the best-effort flow that expires first is removed (even a live one), and if every flow is
 * guaranteed the new flow is refused and its packet dropped (a mapping failure; the source port it
 * was given is used up all the same, as in Click).
 *
 * <p>Mappings expire after a period without packets that depends on the flow's state: a TCP flow
 * in which payload has been seen in both directions uses TCP_TIMEOUT, a TCP flow closed in both
 * directions (FIN both ways, or RST) TCP_DONE_TIMEOUT, other TCP flows TCP_NODATA_TIMEOUT; a UDP
 * flow uses UDP_STREAMING_TIMEOUT once it has seen at least 3 packets including a reply, and
 * UDP_TIMEOUT before. An expired mapping is removed when a packet next looks it up, and by a sweep
 * that runs every REAP_INTERVAL, a few hundred mappings per packet, on the packet path (no timer
 * thread).
 *
 * <p>Ports: one or more inputs, one or more outputs; push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code TCP_TIMEOUT} (alias {@code TIMEOUT}): time. Default 24 hours.</li>
 * <li>{@code TCP_DONE_TIMEOUT}: time. Default 4 minutes.</li>
 * <li>{@code TCP_NODATA_TIMEOUT}: time. Default 5 minutes.</li>
 * <li>{@code UDP_TIMEOUT}: time. Default 5 minutes.</li>
 * <li>{@code UDP_STREAMING_TIMEOUT} (alias {@code STREAMING_TIMEOUT}, UDPRewriter's name): time.
 *     Default UDP_TIMEOUT.</li>
 * <li>{@code TCP_GUARANTEE} (alias {@code GUARANTEE}), {@code UDP_GUARANTEE}: time. How long after
 *     its last packet a TCP (UDP) flow cannot be evicted to admit a new flow into a full table;
 *     0: never guaranteed. Default 5 seconds. UDPRewriter's GUARANTEE applies to every flow.</li>
 * <li>{@code REAP_INTERVAL} (alias {@code REAP_TIME}): time between sweeps of expired mappings;
 *     0 disables the sweep (expired mappings are then removed only when looked up or when the
 *     table is full). Default 15 minutes.</li>
 * <li>{@code MAPPING_CAPACITY} (alias {@code CAPACITY}): integer, 1 to 4194304, or the name of
 *     another rewriter (IPRewriter, UDPRewriter, TCPRewriter, IPAddrRewriter, ICMPPingRewriter):
 *     most mappings (flows) held at once; with a name, both elements' flows count against that
 *     element's capacity and either's may be evicted for the other's. Default 4194304. Tables
 *     start small and grow (allocating) as the number of flows reaches new highs.</li>
 * <li>{@code DST_ANNO}: boolean. Set the destination IP annotation of rewritten packets to their
 *     new destination address. Default true.</li>
 * <li>{@code REPLY_ANNO}: a one-byte annotation (such as {@code PAINT}). Packets of a reply flow
 *     get the value this annotation had on the packet that created the flow, for instance the
 *     interface it came from.</li>
 * <li>{@code HANDLE_MIGRATION}: boolean. Keep one table for all worker threads instead of one
 *     per thread, so that a flow's mapping is found whichever thread its packets arrive on (for
 *     traffic that moves between threads). Default false. See the note on threads below.</li>
 * <li>{@code SET_AGGREGATE}: boolean. Set the aggregate annotation of every rewritten packet to its
 *     flow's number: 0 for this element's first flow, then 1, 2, ... in order of creation (both
 *     directions of a flow share it). Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table_size}, {@code nmappings} (read): number of mappings (flows) in the table,
 *     including expired ones not yet swept; {@code size} (read): the same over every element sharing
 *     the capacity.</li>
 * <li>{@code capacity} (read/write): MAPPING_CAPACITY; writing a value smaller than the size
 *     removes expired flows, then best-effort flows by expiry, then guaranteed ones.</li>
 * <li>{@code mapping_failures} (read): new flows refused because no source port was free or the
 *     table was full.</li>
 * <li>{@code drops} (read): packets dropped for any reason.</li>
 * <li>{@code patterns} (read): one line per input: its specification, and {@code [N]} if it
 *     created N live flows; {@code pattern0}, {@code pattern1}, ... (read/write): the same for one
 *     input; writing an input spec there replaces the input's specification and removes the flows
 *     it created.</li>
 * <li>{@code tcp_lookup SADDR SPORT DADDR DPORT} (read with parameters): the flow identifier
 *     ({@code SADDR SPORT DADDR DPORT}) a TCP packet with these addresses and ports is rewritten
 *     to, or nothing if no mapping matches (or no flow is given).</li>
 * <li>{@code tcp_table}, {@code udp_table} (read; aliases {@code tcp_mappings},
 *     {@code udp_mappings}): one line per mapping, e.g.
 *     {@code (10.0.0.1, 1234, 2.0.0.2, 80) => (1.0.0.1, 1234, 2.0.0.2, 80) [*0 1] i0 exp300}: the
 *     mapping's output is starred, {@code i} is the input that created it, {@code exp} the seconds
 *     until it expires. {@code table} and {@code mappings} give both tables.</li>
 * <li>{@code clear} (write): remove every mapping.</li>
 * </ul>
 *
 * <p>Not supported (Click has them): address ranges in SADDR (the two-word form
 * {@code SADDR DADDR} is accepted with a single address; IPAddrRewriter takes ranges).
 * Handlers that change the table ({@code clear}, {@code capacity}, {@code patternN}) act
 * immediately and should be used while no packets flow, as JMill does not yet run handlers
 * between batches.
 *
 * <p>Threads: as in FastClick, each worker thread that reaches the element gets a table of its
 * own (created, with its own MAPPING_CAPACITY, the first time): flows created on one thread are
 * unknown on the others, and threads never touch each other's tables, so no lock is taken.
 * Patterns, and their sequential port counters, are shared. To give each thread its own port
 * range use a ThreadIPMapper. Handlers show the sum of all tables. With HANDLE_MIGRATION, one
 * table serves every thread; it is not synchronized, so the element must then be run by one
 * thread at a time (traffic handed from one thread to another, as when a flow migrates).
 * FastClick instead searches the other threads' tables for a while after a migration.
 *
 * <p>Click's {@code UDPRewriter} and {@code TCPRewriter} are this element under another name:
 * UDPRewriter translates TCP packets too but keeps no TCP connection state (every flow expires as
 * a UDP flow does: UDP_TIMEOUT, then UDP_STREAMING_TIMEOUT; its TIMEOUT is UDP_TIMEOUT); TCPRewriter translates only TCP
 * packets (UDP packets are handled like any other non-translatable packet). Click's TCPRewriter
 * sequence-number deltas are not supported.
 *
 * <p>Example, a NAT for the hosts behind input 0, replies arriving on input 1:
 * <pre>
 * rw :: IPRewriter(pattern 1.0.0.1 1024-65535 - - 0 1, drop);
 * FromDevice(in) -&gt; Strip(14) -&gt; CheckIPHeader -&gt; [0] rw;
 * FromDevice(out) -&gt; Strip(14) -&gt; CheckIPHeader -&gt; [1] rw;
 * rw [0] -&gt; ... to the outside;  rw [1] -&gt; ... to the inside;
 * </pre>
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", aliases = {"UDPRewriter", "TCPRewriter"})
public final class IPRewriter extends ClassifyingElement implements DropCounter, MappingLookup {
    /** Largest MAPPING_CAPACITY. */
    public static final int MAX_CAPACITY = RewriteTable.MAX_CAPACITY;

    static final int DROP = 0;
    static final int PASS = 1;
    static final int KEEP = 2;
    static final int PATTERN = 3;
    static final int MAPPER = 4;

    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int TH_FIN = 0x01;
    private static final int TH_SYN = 0x02;
    private static final int TH_RST = 0x04;
    // TCP flow state bits, per direction (Click's).
    private static final int FORWARD_DONE = 1;
    private static final int BOTH_DONE = 3;
    private static final int FORWARD_DATA = 4;
    private static final int BOTH_DATA = 12;

    private static final long SECOND = 1_000_000_000L;
    private static final long DEFAULT_GUARANTEE = 5 * SECOND;

    private final int[] kind;
    private final int[] foutput;
    private final int[] routput;
    /** Per input: its pattern (named patterns are resolved by {@link #initialize()}). */
    private final RewritePattern[] pattern;
    /** Per input of kind MAPPER: its IPMapper (resolved by {@link #initialize()}). */
    private final IPMapper[] mapper;
    private final RewriteInputs inputs;
    private final long tcpDataTimeout;
    private final long tcpDoneTimeout;
    private final long tcpNodataTimeout;
    private final long udpTimeout;
    private final long udpStreamingTimeout;
    private final long tcpGuarantee;
    private final long udpGuarantee;
    private final MappingCapacity capacity;
    private final boolean dstAnno;
    /** REPLY_ANNO: the one-byte annotation copied from a flow's first packet onto its replies, or null. */
    private final MetadataField replyAnno;
    private final boolean setAggregate;
    /** TCPRewriter: only TCP packets are translatable. */
    private final boolean tcpOnly;
    /** UDPRewriter: TCP flows keep no connection state and expire as UDP flows do. */
    private final boolean statelessTcp;
    private final RewriteTables tables;

    public IPRewriter(ElementConfig c) {
        super(c);
        Args args = c.args();
        tcpOnly = c.className().equals("TCPRewriter");
        statelessTcp = c.className().equals("UDPRewriter");
        long udpDefault = 300 * SECOND;
        long tcpTimeout = 86_400 * SECOND;
        if (statelessTcp) {
            udpDefault = args.keyword("TIMEOUT").durationNanos(udpDefault); // UDPRewriter's name for UDP_TIMEOUT
        } else {
            tcpTimeout = args.keyword("TIMEOUT").durationNanos(tcpTimeout);
        }
        tcpDataTimeout = args.keyword("TCP_TIMEOUT").durationNanos(tcpTimeout);
        tcpDoneTimeout = args.keyword("TCP_DONE_TIMEOUT").durationNanos(240 * SECOND);
        tcpNodataTimeout = args.keyword("TCP_NODATA_TIMEOUT").durationNanos(300 * SECOND);
        udpTimeout = args.keyword("UDP_TIMEOUT").durationNanos(udpDefault);
        long streaming = args.keyword("STREAMING_TIMEOUT").durationNanos(udpTimeout);
        udpStreamingTimeout = args.keyword("UDP_STREAMING_TIMEOUT").durationNanos(streaming);
        long guarantee = args.keyword("GUARANTEE").durationNanos(DEFAULT_GUARANTEE);
        tcpGuarantee = args.keyword("TCP_GUARANTEE").durationNanos(guarantee);
        udpGuarantee = args.keyword("UDP_GUARANTEE").durationNanos(statelessTcp ? guarantee : DEFAULT_GUARANTEE);
        long reap = args.keyword("REAP_TIME").durationNanos(900 * SECOND);
        long reapInterval = args.keyword("REAP_INTERVAL").durationNanos(reap);
        capacity = new MappingCapacity(args);
        dstAnno = args.keyword("DST_ANNO").bool(true);
        replyAnno = oneByteAnno(args.keyword("REPLY_ANNO"), args);
        setAggregate = args.keyword("SET_AGGREGATE").bool(false);
        boolean handleMigration = args.keyword("HANDLE_MIGRATION").bool(false);

        int n = ninputs();
        inputs = new RewriteInputs(args, n, noutputs());
        kind = inputs.kind;
        foutput = inputs.foutput;
        routput = inputs.routput;
        pattern = inputs.pattern;
        mapper = inputs.mapper;
        tables = new RewriteTables(!handleMigration, n, capacity.flows, reapInterval);
    }

    /** A one-byte annotation named by {@code arg} (Click's AnnoArg(1)), or null if absent or bad. */
    static MetadataField oneByteAnno(Arg arg, Args args) {
        String name = arg.string(null);
        if (name == null) {
            return null;
        }
        MetadataField field = MetadataField.byName(name.strip().toLowerCase(Locale.ROOT));
        if (field == null || field.size() != 1) {
            args.error(arg.name() + ": expected a one-byte annotation, got '" + name.strip() + "'");
            return null;
        }
        return field;
    }

    @Override
    public void initialize() {
        inputs.resolvePatterns(host(), this);
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] != null && !pattern[i].napt && pattern[i].variation > 0) {
                throw new IllegalArgumentException("input spec " + i
                        + ": address ranges are not supported here (IPAddrRewriter has them)");
            }
        }
        capacity.share(tables, host(), this);
        tables.restartClocks();
    }

    /** Test hook: replaces the clock (nanoseconds, like {@link System#nanoTime}). */
    void setClock(LongSupplier clock) {
        tables.setClock(clock);
    }

    // ------------------------------------------------------------------ data path

    @Override
    protected int classify(int port, Packet p) {
        RewriteTable s = tables.current();
        if (!p.hasNetworkHeader()) {
            return notTranslatable(s, port, p);
        }
        int nh = p.networkHeaderOffset();
        int th = p.transportHeaderOffset();
        int len = p.length();
        if (nh < 0 || th < nh + 20 || th + 8 > len) {
            return notTranslatable(s, port, p);
        }
        int proto = p.u8(nh + 9);
        if ((proto != TCP && (proto != UDP || tcpOnly)) || (p.u16(nh + 6) & 0x1FFF) != 0) {
            return notTranslatable(s, port, p);
        }
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        int ports = p.u32(th);
        long now = s.clock.getAsLong();
        s.reapIfDue(now);
        int e = s.index.get(FlowKeyIndex.hi(src, dst), ((long) proto << 32) | (ports & 0xFFFF_FFFFL));
        if (e >= 0 && s.expired(e, now)) {
            e = FlowKeyIndex.ABSENT;
        }
        if (e < 0) {
            int k = kind[port];
            if (k == PASS) {
                return foutput[port];
            }
            int f = k == DROP ? -1
                    : k == MAPPER ? createMappedFlow(s, port, src, dst, ports, proto, now)
                    : createFlow(s, port, k == PATTERN ? pattern[port] : null, foutput[port], routput[port],
                            src, dst, ports, proto, now);
            if (f < 0) {
                s.drops++;
                p.kill();
                return -1;
            }
            if (replyAnno != null) {
                s.replyValue[f] = (int) p.anno(replyAnno);
            }
            e = f << 1;
        }
        int f = e >>> 1;
        int dir = e & 1;
        rewrite(s, p, f, dir, nh, th, len, proto, now);
        if (replyAnno != null && dir == 1) {
            p.setAnno(replyAnno, s.replyValue[f]);
        }
        if (setAggregate) {
            p.setAggregate(s.agg[f]);
        }
        return dir == 0 ? s.foutput[f] : s.routput[f];
    }

    private int notTranslatable(RewriteTable s, int port, Packet p) {
        if (kind[port] == PASS) {
            return foutput[port];
        }
        s.drops++;
        p.kill();
        return -1;
    }

    private void rewrite(RewriteTable s, Packet p, int f, int dir, int nh, int th, int len, int proto, long now) {
        int newSrc;
        int newDst;
        int newPorts;
        int ipd;
        int l4d;
        if (dir == 0) {
            newSrc = s.nSrc[f];
            newDst = s.nDst[f];
            newPorts = s.nPorts[f];
            ipd = s.ipDelta[f];
            l4d = s.l4Delta[f];
        } else {
            newSrc = s.oDst[f];
            newDst = s.oSrc[f];
            int op = s.oPorts[f];
            newPorts = (op << 16) | (op >>> 16);
            ipd = IncrementalChecksum.negate(s.ipDelta[f]);
            l4d = IncrementalChecksum.negate(s.l4Delta[f]);
        }
        p.setU32(nh + 12, newSrc);
        p.setU32(nh + 16, newDst);
        p.setU16(nh + 10, IncrementalChecksum.apply(p.u16(nh + 10), ipd));
        if (dstAnno) {
            p.setDstIpAnno(newDst);
        }
        int t = s.tflags[f];
        long timeout;
        long guarantee;
        if (proto == TCP && !statelessTcp) {
            guarantee = tcpGuarantee;
            if (len - th >= 18) {
                p.setU32(th, newPorts);
                p.setU16(th + 16, IncrementalChecksum.apply(p.u16(th + 16), l4d));
                int flags = p.u8(th + 13);
                int headers = ((p.u8(nh) & 0xF) << 2) + ((p.u8(th + 12) >>> 4) << 2);
                boolean payload = headers < p.u16(nh + 2);
                if ((flags & TH_RST) != 0) {
                    t |= BOTH_DONE;
                } else if ((flags & TH_FIN) != 0) {
                    t |= FORWARD_DONE << dir;
                } else if ((flags & TH_SYN) != 0 || payload) {
                    t &= ~(FORWARD_DONE << dir);
                }
                if (payload) {
                    t |= FORWARD_DATA << dir;
                }
                SeqDeltas deltas = s.seqDeltas[f];
                if (deltas != null && len - th >= (p.u8(th + 12) >>> 4) << 2) {
                    deltas.apply(p, th, dir);
                }
            }
            timeout = (t & BOTH_DONE) == BOTH_DONE ? tcpDoneTimeout
                    : (t & BOTH_DATA) == BOTH_DATA ? tcpDataTimeout : tcpNodataTimeout;
        } else {
            guarantee = udpGuarantee;
            p.setU32(th, newPorts);
            if (proto == TCP) {
                if (len - th >= 18) {
                    p.setU16(th + 16, IncrementalChecksum.apply(p.u16(th + 16), l4d));
                }
            } else {
                int c = p.u16(th + 6);
                if (c != 0) {
                    p.setU16(th + 6, IncrementalChecksum.applyUdp(c, l4d));
                }
            }
            // Bit 0: a reply was seen; the rest counts packets up to 3 (Click's UDP flow state).
            t |= dir;
            if (t < 6) {
                t += 2;
            }
            timeout = t > 6 ? udpStreamingTimeout : udpTimeout;
        }
        s.tflags[f] = t;
        s.touch(f, now + timeout, now + guarantee);
    }

    // ------------------------------------------------------------------ mappings (slow path)

    /** A new flow on an input whose spec names an IPMapper: the mapper's patterns, in the order it picks them. */
    private int createMappedFlow(RewriteTable s, int in, int src, int dst, int ports, int proto, long now) {
        RewriteInputs m = mapper[in].inputs;
        for (int attempt = mapper[in].attempts(); attempt > 0; attempt--) {
            int k = mapper[in].choose();
            int f = createFlow(s, in, m.pattern[k], m.foutput[k], m.routput[k], src, dst, ports, proto, now);
            if (f >= 0) {
                return f;
            }
        }
        return -1;
    }

    /**
     * Installs the mappings of a new flow arriving on input {@code in}, rewritten by {@code pat}
     * (null: kept as it is), its packets leaving on {@code fout} and its replies on {@code rout};
     * returns its slot, or -1.
     */
    private int createFlow(RewriteTable s, int in, RewritePattern pat, int fout, int rout, int src, int dst,
                           int ports, int proto, long now) {
        int sport = ports >>> 16;
        int dport = ports & 0xFFFF;
        int nsrc = src;
        int ndst = dst;
        int nsport = sport;
        int ndport = dport;
        if (pat != null) {
            if (pat.saddr != 0) {
                nsrc = pat.saddr;
            }
            if (pat.sport != 0) {
                nsport = pat.sport;
            }
            if (pat.daddr != 0) {
                ndst = pat.daddr;
            }
            if (pat.dport != 0) {
                ndport = pat.dport;
            }
            if (pat.variation > 0) {
                nsport = allocatePort(s, pat, sport, nsrc, ndst, ndport, proto, now);
                if (nsport < 0) {
                    s.failures++;
                    return -1;
                }
            }
        }
        long rhi = FlowKeyIndex.hi(ndst, nsrc);
        long rlo = FlowKeyIndex.lo(proto, ndport, nsport);
        int clash = s.index.get(rhi, rlo);
        if (clash >= 0) {
            // As in Click, a new flow whose reply flow is taken replaces the flow that holds it.
            s.destroy(clash >>> 1);
        }
        int f = s.allocFlow();
        if (f < 0) {
            s.failures++;
            return -1;
        }
        s.proto[f] = proto;
        s.oSrc[f] = src;
        s.oDst[f] = dst;
        s.oPorts[f] = ports;
        s.nSrc[f] = nsrc;
        s.nDst[f] = ndst;
        s.nPorts[f] = (nsport << 16) | ndport;
        s.tflags[f] = 0;
        int ipd = IncrementalChecksum.addAddress(IncrementalChecksum.addAddress(0, src, nsrc), dst, ndst);
        int l4d = IncrementalChecksum.addWord(IncrementalChecksum.addWord(ipd, sport, nsport), dport, ndport);
        s.ipDelta[f] = IncrementalChecksum.fold(ipd);
        s.l4Delta[f] = IncrementalChecksum.fold(l4d);
        boolean tcpState = proto == TCP && !statelessTcp;
        s.expiry[f] = now + (tcpState ? tcpNodataTimeout : udpTimeout);
        s.guard[f] = now + (tcpState ? tcpGuarantee : udpGuarantee);
        s.agg[f] = s.nextAgg++;
        long fhi = FlowKeyIndex.hi(src, dst);
        long flo = ((long) proto << 32) | (ports & 0xFFFF_FFFFL);
        return s.install(f, in, fout, rout, fhi, flo, rhi, rlo, now) ? f : -1;
    }

    /** Click's source-port choice for a pattern with a port range; -1 if every port is taken. */
    private int allocatePort(RewriteTable s, RewritePattern pat, int sport, int nsrc, int ndst, int ndport, int proto,
                             long now) {
        int base = pat.sport;
        int top = pat.variation;
        long rhi = FlowKeyIndex.hi(ndst, nsrc);
        if (pat.sameFirst) {
            int v = sport - base;
            if (v >= 0 && v <= top && portFree(s, rhi, proto, ndport, sport, now)) {
                pat.nextVariation = v + 1;
                return sport;
            }
        }
        int v = pat.sequential ? (pat.nextVariation > top ? 0 : pat.nextVariation) : s.randomUpTo(top);
        for (int count = 0; count <= top; count++, v = v == top ? 0 : v + 1) {
            if (portFree(s, rhi, proto, ndport, base + v, now)) {
                pat.nextVariation = v + 1;
                return base + v;
            }
        }
        return -1;
    }

    /** Whether the reply flow to {@code port} is unused (an expired holder is removed). */
    private boolean portFree(RewriteTable s, long rhi, int proto, int ndport, int port, long now) {
        int e = s.index.get(rhi, FlowKeyIndex.lo(proto, ndport, port));
        if (e < 0) {
            return true;
        }
        return s.expired(e, now);
    }

    // ------------------------------------------------------------------ lookups by ICMPRewriter

    @Override
    public int find(int proto, int src, int sport, int dst, int dport) {
        if (proto != TCP && (proto != UDP || tcpOnly)) {
            return -1;
        }
        return tables.current().index.get(FlowKeyIndex.hi(src, dst), FlowKeyIndex.lo(proto, sport, dport));
    }

    @Override
    public RewriteTable table() {
        return tables.current();
    }

    @Override
    public RewriteTables tables() {
        return tables;
    }

    @Override
    public int output(int entry) {
        int f = entry >>> 1;
        return (entry & 1) == 0 ? tables.current().foutput[f] : tables.current().routput[f];
    }

    @Override
    public int rewrittenSport(int entry) {
        int f = entry >>> 1;
        return (entry & 1) == 0 ? tables.current().nPorts[f] >>> 16 : tables.current().oPorts[f] & 0xFFFF;
    }

    @Override
    public int rewrittenDport(int entry) {
        int f = entry >>> 1;
        return (entry & 1) == 0 ? tables.current().nPorts[f] & 0xFFFF : tables.current().oPorts[f] >>> 16;
    }

    // ------------------------------------------------------------------ FTPPortMapper

    /** Whether this rewriter tracks TCP connections (IPRewriter, TCPRewriter; not UDPRewriter). */
    boolean tracksTcp() {
        return !statelessTcp;
    }

    /**
     * The entry of TCP flow {@code (src, sport, dst, dport)}, created as if a packet of it had
     * arrived on input {@code in} if there is none yet; -1 if the input makes no mapping.
     */
    int tcpEntry(int in, int src, int sport, int dst, int dport) {
        RewriteTable s = tables.current();
        long now = s.clock.getAsLong();
        int ports = sport << 16 | dport;
        int e = s.index.get(FlowKeyIndex.hi(src, dst), ((long) TCP << 32) | (ports & 0xFFFF_FFFFL));
        if (e >= 0 && !s.expired(e, now)) {
            return e;
        }
        if (in < 0) {
            return -1;
        }
        int k = kind[in];
        if (k == DROP || k == PASS) {
            return -1;
        }
        int f = k == MAPPER ? createMappedFlow(s, in, src, dst, ports, TCP, now)
                : createFlow(s, in, k == PATTERN ? pattern[in] : null, foutput[in], routput[in], src, dst, ports, TCP, now);
        return f < 0 ? -1 : f << 1;
    }

    /** The source address packets of {@code entry} are rewritten to. */
    int rewrittenSaddr(int entry) {
        int f = entry >>> 1;
        return (entry & 1) == 0 ? tables.current().nSrc[f] : tables.current().oDst[f];
    }

    /** Shifts the sequence numbers of {@code entry}'s direction by {@code d} from {@code at} on. */
    boolean addSeqDelta(int entry, int at, int d) {
        int f = entry >>> 1;
        SeqDeltas deltas = tables.current().seqDeltas[f];
        if (deltas == null) {
            deltas = new SeqDeltas();
            tables.current().seqDeltas[f] = deltas;
        }
        return deltas.add(entry & 1, at, d);
    }

    /** The REPLY_ANNO value of {@code entry}'s flow. */
    int replyValue(int entry) {
        return tables.current().replyValue[entry >>> 1];
    }

    void setReplyValue(int entry, int value) {
        tables.current().replyValue[entry >>> 1] = value;
    }

    // ------------------------------------------------------------------ handlers

    @Override
    public long drops() {
        return tables.drops();
    }

    @Override
    public void addHandlers(Handlers h) {
        tables.addHandlers(h, inputs, this::writePattern);
        h.readParams("tcp_lookup", this::tcpLookup);
        h.read("tcp_table", () -> table(TCP));
        h.read("udp_table", () -> table(UDP));
        h.read("tcp_mappings", () -> table(TCP));
        h.read("udp_mappings", () -> table(UDP));
        h.read("table", () -> table(TCP) + table(UDP));
        h.read("mappings", () -> table(TCP) + table(UDP));
    }

    /** A new specification for input {@code in}: the flows it created are removed first, as in Click. */
    private void writePattern(int in, String spec) throws HandlerException {
        String error = inputs.respecify(in, spec, host(), this, false);
        if (error != null) {
            throw new HandlerException("input spec " + in + ": " + error);
        }
        for (RewriteTable t : tables.all()) {
            t.clearInput(in);
        }
    }

    /**
     * {@code tcp_lookup SADDR SPORT DADDR DPORT}: the flow identifier a TCP packet with these
     * addresses and ports is rewritten to, or nothing if no mapping matches.
     */
    private String tcpLookup(String params) throws HandlerException {
        if (params.isBlank()) {
            return ""; // read without a flow: nothing to look up
        }
        String[] w = params.strip().split("\\s+");
        int src;
        int dst;
        int sport;
        int dport;
        try {
            if (w.length != 4) {
                throw new IllegalArgumentException();
            }
            src = Addresses.ip(w[0]);
            sport = Integer.parseInt(w[1]);
            dst = Addresses.ip(w[2]);
            dport = Integer.parseInt(w[3]);
            if ((sport | dport) >>> 16 != 0) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new HandlerException("tcp_lookup: expected 'SADDR SPORT DADDR DPORT', got '" + params.strip() + "'");
        }
        RewriteTable s = null;
        int e = -1;
        for (RewriteTable t : tables.all()) {
            e = t.index.get(FlowKeyIndex.hi(src, dst), FlowKeyIndex.lo(TCP, sport, dport));
            if (e >= 0 && t.proto[e >>> 1] == TCP) {
                s = t;
                break;
            }
        }
        if (s == null) {
            return "";
        }
        int f = e >>> 1;
        StringBuilder sb = new StringBuilder();
        if ((e & 1) == 0) {
            int np = s.nPorts[f];
            sb.append(Addresses.ipString(s.nSrc[f])).append(' ').append(np >>> 16).append(' ')
                    .append(Addresses.ipString(s.nDst[f])).append(' ').append(np & 0xFFFF);
        } else {
            int op = s.oPorts[f];
            sb.append(Addresses.ipString(s.oDst[f])).append(' ').append(op & 0xFFFF).append(' ')
                    .append(Addresses.ipString(s.oSrc[f])).append(' ').append(op >>> 16);
        }
        return sb.append('\n').toString();
    }

    private String table(int protocol) {
        StringBuilder sb = new StringBuilder();
        for (RewriteTable s : tables.all()) {
            table(s, protocol, sb);
        }
        return sb.toString();
    }

    private void table(RewriteTable s, int protocol, StringBuilder sb) {
        RewriteTable.Listing t = s.listing();
        for (int f = 0; f < t.slots(); f++) {
            if (t.proto()[f] != protocol) {
                continue;
            }
            int op = t.oPorts()[f];
            int np = t.nPorts()[f];
            int oSrc = t.oSrc()[f];
            int oDst = t.oDst()[f];
            int nSrc = t.nSrc()[f];
            int nDst = t.nDst()[f];
            String tail = "] i" + t.input()[f] + " exp" + t.secondsLeft(f) + "\n";
            flowId(sb, oSrc, op >>> 16, oDst, op & 0xFFFF);
            sb.append(" => ");
            flowId(sb, nSrc, np >>> 16, nDst, np & 0xFFFF);
            sb.append(" [*").append(t.flowOutput()[f]).append(' ').append(t.replyOutput()[f]).append(tail);
            flowId(sb, nDst, np & 0xFFFF, nSrc, np >>> 16);
            sb.append(" => ");
            flowId(sb, oDst, op & 0xFFFF, oSrc, op >>> 16);
            sb.append(" [").append(t.flowOutput()[f]).append(" *").append(t.replyOutput()[f]).append(tail);
        }
    }

    private static void flowId(StringBuilder sb, int src, int sport, int dst, int dport) {
        sb.append('(').append(Addresses.ipString(src)).append(", ").append(sport).append(", ")
                .append(Addresses.ipString(dst)).append(", ").append(dport).append(')');
    }
}
