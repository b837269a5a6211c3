package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.function.LongSupplier;

/**
 * Rewrites IP packets' source addresses, or address pairs (basic NAT, without ports).
 *
 * <pre>IPAddrRewriter(INPUTSPEC1, ..., INPUTSPECn [, keywords TIMEOUT, REAP_INTERVAL,
 *     MAPPING_CAPACITY, REPLY_ANNO])
 * IPAddrPairRewriter(INPUTSPEC1, ..., INPUTSPECn [, same keywords])</pre>
 *
 * <p>IPAddrRewriter keeps one mapping per source address: the first packet from address SA
 * installs a mapping {@code SA => SA'}, from then on packets from SA leave with source SA', and
 * packets <em>to</em> SA' come back with destination SA. Every IP packet is rewritten, whatever its
 * protocol; the IP checksum and, for TCP and UDP first fragments, the transport checksum are
 * updated incrementally (a UDP checksum of 0 stays 0). IPAddrPairRewriter keys its mappings by the
 * pair (source, destination) instead: {@code (SA, DA) => (SA', DA')}, replies
 * {@code (DA', SA') => (DA, SA)}.
 *
 * <p>A packet with a mapping is rewritten and leaves on the mapping's output, whatever input it
 * came on. A packet without one is handled by the INPUTSPEC of its input, as in {@code IPRewriter}:
 * {@code drop}, {@code pass OUTPUT}, {@code keep FOUTPUT ROUTPUT}, or
 * {@code pattern SADDR DADDR FOUTPUT ROUTPUT} (also a pattern named in {@code IPRewriterPatterns}).
 * SADDR is a dash (keep), an address, a range {@code 1.0.0.1-1.0.0.254} or a prefix
 * {@code 1.0.0.0/24} (its addresses but the network and broadcast ones); a range or prefix is
 * allocated so that no two mappings share a new address, from a random address, or sequentially if
 * SADDR ends with {@code #}. DADDR must be a dash for IPAddrRewriter; IPAddrPairRewriter may set
 * it. A pattern that names ports (IPRewriter's four-word form) is accepted, as in Click, but then
 * no mapping can be made and packets that need one are dropped. A packet whose IP header does not
 * fit in the packet, or without a network header annotation, is passed on unchanged from a
 * {@code pass} input and dropped otherwise.
 *
 * <p>Ports: one or more inputs, one or more outputs; push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code TIMEOUT}: time. A mapping unused for this long expires. Default 2 hours.</li>
 * <li>{@code GUARANTEE}: time. How long after its last packet a mapping cannot be evicted to
 *     admit a new one into a full table (as IPRewriter's). Default 5 seconds.</li>
 * <li>{@code REAP_INTERVAL} (alias {@code REAP_TIME}): time between sweeps of expired mappings, a
 *     few hundred per packet on the packet path; 0 disables them. Default 15 minutes.</li>
 * <li>{@code MAPPING_CAPACITY} (alias {@code CAPACITY}): integer, 1 to 4194304, or the name of
 *     another rewriter whose capacity is shared. Most mappings held at once; beyond it the
 *     best-effort mapping that expires first is evicted, or, if every mapping is guaranteed, the
 *     new one is refused and its packet dropped (as IPRewriter does). Default 4194304.</li>
 * <li>{@code REPLY_ANNO}: a one-byte annotation (such as {@code PAINT}). Replies get the value this
 *     annotation had on the packet that created their mapping.</li>
 * </ul>
 * Replies (and with IPAddrPairRewriter, every rewritten packet) get their destination IP
 * annotation set to their new destination.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read; alias {@code mappings}): one line per mapping, e.g.
 *     {@code 10.0.0.1 => 1.0.0.1 [*0 1] i0 exp7200} ({@code (SA, DA) => (SA', DA') ...} and the
 *     reply mapping for IPAddrPairRewriter): the starred output is the mapping's, {@code i} the
 *     input that created it, {@code exp} the seconds until it expires.</li>
 * <li>{@code table_size}, {@code nmappings} (read): number of mappings; {@code size} (read): the
 *     same over every element sharing the capacity.</li>
 * <li>{@code capacity} (read/write): MAPPING_CAPACITY (a smaller value evicts mappings at once).</li>
 * <li>{@code mapping_failures} (read): new mappings refused (no free address, full table, a
 *     pattern with ports).</li>
 * <li>{@code drops} (read): packets dropped.</li>
 * <li>{@code patterns}, {@code pattern0}, ... (read): the input specifications, with the number of
 *     live mappings each created in brackets.</li>
 * <li>{@code clear} (write): remove every mapping.</li>
 * </ul>
 *
 * <p>Not supported (Click has them): writable {@code patternN} handlers, IPMapper elements as
 * INPUTSPECs.
 *
 * <p>Threads: one table serves every thread and is not synchronized: the element must be run by
 * one worker thread at a time (FastClick keeps one table per thread).
 *
 * <p>Example, hosts of 10.0.0.0/8 leave with an address of 1.0.0.0/24:
 * <pre>
 * rw :: IPAddrRewriter(pattern 1.0.0.0/24# - 0 1, drop);
 * inside -&gt; [0] rw [0] -&gt; outside;
 * outside_in -&gt; [1] rw [1] -&gt; inside_out;
 * </pre>
 */
@ElementInfo(ports = "1-/1-", processing = "h/h", aliases = {"IPAddrPairRewriter"})
public final class IPAddrRewriter extends ClassifyingElement implements DropCounter, TableOwner {
    private static final long SECOND = 1_000_000_000L;
    /** Index keys of IPAddrRewriter: a forward key holds the source, a reply key the new source. */
    private static final long FORWARD = 0;
    private static final long REPLY = 1;

    private final RewriteInputs inputs;
    private final int[] kind;
    private final int[] foutput;
    private final int[] routput;
    private final RewritePattern[] pattern;
    /** IPAddrPairRewriter: mappings per (source, destination) pair. */
    private final boolean pair;
    private final long timeout;
    private final long guarantee;
    private final MappingCapacity capacity;
    private final MetadataField replyAnno;
    private final RewriteTables tables;
    /** The one table: this rewriter keeps a single table for every thread. */
    private final RewriteTable state;

    public IPAddrRewriter(ElementConfig c) {
        super(c);
        Args args = c.args();
        timeout = args.keyword("TIMEOUT").durationNanos(7200 * SECOND);
        guarantee = args.keyword("GUARANTEE").durationNanos(5 * SECOND);
        long reap = args.keyword("REAP_TIME").durationNanos(900 * SECOND);
        long reapInterval = args.keyword("REAP_INTERVAL").durationNanos(reap);
        capacity = new MappingCapacity(args);
        replyAnno = IPRewriter.oneByteAnno(args.keyword("REPLY_ANNO"), args);
        pair = c.className().equals("IPAddrPairRewriter");
        inputs = new RewriteInputs(args, ninputs(), noutputs());
        kind = inputs.kind;
        foutput = inputs.foutput;
        routput = inputs.routput;
        pattern = inputs.pattern;
        tables = new RewriteTables(false, ninputs(), capacity.flows, reapInterval);
        state = tables.current();
    }

    @Override
    public void initialize() {
        inputs.resolvePatterns(host(), this);
        inputs.refuseMappers(getClass().getSimpleName());
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
        RewriteTable s = state;
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        int len = p.length();
        if (nh < 0 || nh + 20 > len) {
            return notTranslatable(s, port, p);
        }
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        long now = s.clock.getAsLong();
        s.reapIfDue(now);
        int e;
        if (pair) {
            e = s.index.get(FlowKeyIndex.hi(src, dst), FORWARD);
        } else {
            e = s.index.get(FlowKeyIndex.hi(src, 0), FORWARD);
            if (e < 0) {
                e = s.index.get(FlowKeyIndex.hi(0, dst), REPLY);
            }
        }
        if (e >= 0 && s.expired(e, now)) {
            e = FlowKeyIndex.ABSENT;
        }
        if (e < 0) {
            int k = kind[port];
            if (k == IPRewriter.PASS) {
                return foutput[port];
            }
            int f = k == IPRewriter.DROP ? -1 : createFlow(s, port, src, dst, now);
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
        rewrite(s, p, f, dir, nh, len);
        s.touch(f, now + timeout, now + guarantee);
        int in = s.input[f];
        return dir == 0 ? foutput[in] : routput[in];
    }

    private int notTranslatable(RewriteTable s, int port, Packet p) {
        if (kind[port] == IPRewriter.PASS) {
            return foutput[port];
        }
        s.drops++;
        p.kill();
        return -1;
    }

    private void rewrite(RewriteTable s, Packet p, int f, int dir, int nh, int len) {
        int delta;
        if (dir == 0) {
            p.setU32(nh + 12, s.nSrc[f]);
            if (pair) {
                p.setU32(nh + 16, s.nDst[f]);
                p.setDstIpAnno(s.nDst[f]);
            }
            delta = s.ipDelta[f];
        } else {
            if (pair) {
                p.setU32(nh + 12, s.oDst[f]);
            }
            p.setU32(nh + 16, s.oSrc[f]);
            p.setDstIpAnno(s.oSrc[f]);
            if (replyAnno != null) {
                p.setAnno(replyAnno, s.replyValue[f]);
            }
            delta = IncrementalChecksum.negate(s.ipDelta[f]);
        }
        p.setU16(nh + 10, IncrementalChecksum.apply(p.u16(nh + 10), delta));
        if ((p.u16(nh + 6) & 0x1FFF) != 0) {
            return; // later fragments carry no transport header
        }
        int th = nh + ((p.u8(nh) & 0xF) << 2);
        int proto = p.u8(nh + 9);
        if (proto == 6 && len - th >= 18) {
            p.setU16(th + 16, IncrementalChecksum.apply(p.u16(th + 16), delta));
        } else if (proto == 17 && len - th >= 8) {
            int c = p.u16(th + 6);
            if (c != 0) {
                p.setU16(th + 6, IncrementalChecksum.applyUdp(c, delta));
            }
        }
    }

    // ------------------------------------------------------------------ mappings (slow path)

    /** Installs the mapping of a new flow arriving on input {@code in}; returns its slot, or -1. */
    private int createFlow(RewriteTable s, int in, int src, int dst, long now) {
        int nsrc = src;
        int ndst = pair ? dst : 0;
        if (kind[in] == IPRewriter.PATTERN) {
            RewritePattern pat = pattern[in];
            if (pat.sport != 0 || pat.dport != 0 || (pat.napt && pat.variation > 0) || (!pair && pat.daddr != 0)) {
                s.failures++; // as in Click: an address rewriter cannot make port mappings
                return -1;
            }
            if (pat.saddr != 0) {
                nsrc = pat.saddr;
            }
            if (pat.daddr != 0) {
                ndst = pat.daddr;
            }
            if (pat.variation > 0) {
                long a = allocateAddress(s, pat, ndst, now);
                if (a < 0) {
                    s.failures++;
                    return -1;
                }
                nsrc = (int) a;
            }
        }
        long rhi = replyHi(nsrc, ndst);
        long rlo = pair ? FORWARD : REPLY;
        int clash = s.index.get(rhi, rlo);
        if (clash >= 0) {
            s.destroy(clash >>> 1); // the new mapping takes over the reply key, as in Click
        }
        int f = s.allocFlow();
        if (f < 0) {
            s.failures++;
            return -1;
        }
        s.proto[f] = 1;
        s.oSrc[f] = src;
        s.oDst[f] = pair ? dst : 0;
        s.nSrc[f] = nsrc;
        s.nDst[f] = ndst;
        int delta = IncrementalChecksum.addAddress(0, src, nsrc);
        if (pair) {
            delta = IncrementalChecksum.addAddress(delta, dst, ndst);
        }
        s.ipDelta[f] = IncrementalChecksum.fold(delta);
        s.expiry[f] = now + timeout;
        s.guard[f] = now + guarantee;
        return s.install(f, in, foutput[in], routput[in], forwardHi(src, dst), FORWARD, rhi, rlo, now) ? f : -1;
    }

    private long forwardHi(int src, int dst) {
        return pair ? FlowKeyIndex.hi(src, dst) : FlowKeyIndex.hi(src, 0);
    }

    /** Index key (high half) of the replies to a mapping whose new addresses are {@code nsrc, ndst}. */
    private long replyHi(int nsrc, int ndst) {
        return pair ? FlowKeyIndex.hi(ndst, nsrc) : FlowKeyIndex.hi(0, nsrc);
    }

    /** A new source address from the pattern's range that no live mapping uses; -1 if none is free. */
    private long allocateAddress(RewriteTable s, RewritePattern pat, int ndst, long now) {
        int top = pat.variation;
        int v = pat.sequential ? (Integer.compareUnsigned(pat.nextVariation, top) > 0 ? 0 : pat.nextVariation)
                : s.randomUpTo(top);
        long rlo = pair ? FORWARD : REPLY;
        for (long count = 0; count <= top; count++, v = v == top ? 0 : v + 1) {
            int candidate = pat.saddr + v;
            int e = s.index.get(replyHi(candidate, ndst), rlo);
            if (e >= 0 && s.expired(e, now)) {
                e = FlowKeyIndex.ABSENT;
            }
            if (e < 0) {
                pat.nextVariation = v + 1;
                return candidate & 0xFFFF_FFFFL;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ handlers

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.read("table", this::tableText);
        h.read("mappings", this::tableText);
        tables.addHandlers(h, inputs, null);
    }

    @Override
    public RewriteTables tables() {
        return tables;
    }

    private String tableText() {
        RewriteTable.Listing t = state.listing();
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < t.slots(); f++) {
            if (t.proto()[f] == 0) {
                continue;
            }
            int in = t.input()[f];
            int oSrc = t.oSrc()[f];
            int oDst = t.oDst()[f];
            int nSrc = t.nSrc()[f];
            int nDst = t.nDst()[f];
            String ports = "] i" + in + " exp" + t.secondsLeft(f) + "\n";
            if (pair) {
                sb.append('(').append(Addresses.ipString(oSrc)).append(", ").append(Addresses.ipString(oDst))
                        .append(") => (").append(Addresses.ipString(nSrc)).append(", ")
                        .append(Addresses.ipString(nDst)).append(") [*").append(foutput[in]).append(' ')
                        .append(routput[in]).append(ports);
                sb.append('(').append(Addresses.ipString(nDst)).append(", ").append(Addresses.ipString(nSrc))
                        .append(") => (").append(Addresses.ipString(oDst)).append(", ")
                        .append(Addresses.ipString(oSrc)).append(") [").append(foutput[in]).append(" *")
                        .append(routput[in]).append(ports);
            } else {
                sb.append(Addresses.ipString(oSrc)).append(" => ").append(Addresses.ipString(nSrc))
                        .append(" [*").append(foutput[in]).append(' ').append(routput[in]).append(ports);
            }
        }
        return sb.toString();
    }
}
