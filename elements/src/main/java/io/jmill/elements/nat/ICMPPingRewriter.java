package io.jmill.elements.nat;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.Checksum;
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
 * Rewrites ICMP echo requests and replies (ping) by address and identifier.
 *
 * <pre>ICMPPingRewriter(INPUTSPEC1, ..., INPUTSPECn [, keywords TIMEOUT, REAP_INTERVAL,
 *     MAPPING_CAPACITY, DST_ANNO, REPLY_ANNO])</pre>
 *
 * <p>The ICMP counterpart of {@code IPRewriter}: an echo request (type 8) from SA to DA with
 * identifier ID that has no mapping installs {@code (SA, DA, ID) => (SA', DA', ID')} as its input's
 * INPUTSPEC says, and the echo replies (type 0) from DA' to SA' with identifier ID' are mapped back
 * to {@code (DA, SA, ID)}. The IP and ICMP checksums are updated incrementally. INPUTSPECs are
 * IPRewriter's: {@code drop}, {@code pass OUTPUT}, {@code keep FOUTPUT ROUTPUT},
 * {@code pattern SADDR DADDR [IDENT] FOUTPUT ROUTPUT} (the three-word pattern: IDENT is a
 * dash, an identifier or a range {@code L-H}, allocated like IPRewriter's source ports: the
 * request's own identifier if it lies in the range and is free, else a random one, or sequentially
 * with {@code #}) or the four-word {@code pattern SADDR IDENT DADDR -}, or a pattern named in
 * {@code IPRewriterPatterns}. Packets that are not echo requests or replies, echo replies without
 * a mapping, and later fragments are passed unchanged from a {@code pass} input and dropped
 * otherwise.
 *
 * <p>Ports: one or more inputs, one or more outputs; push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code TIMEOUT}: time. A mapping unused for this long expires. Default 5 minutes.</li>
 * <li>{@code GUARANTEE}: time. How long after its last packet a mapping cannot be evicted to
 *     admit a new one into a full table, as in IPRewriter. Default 5 seconds.</li>
 * <li>{@code REAP_INTERVAL} (alias {@code REAP_TIME}): time between sweeps of expired mappings;
 *     0 disables them. Default 15 minutes.</li>
 * <li>{@code MAPPING_CAPACITY} (alias {@code CAPACITY}): integer, 1 to 4194304, or another
 *     rewriter's name (a shared capacity). Most mappings held at once; a full table evicts and
 *     admits as IPRewriter's does.</li>
 * <li>{@code DST_ANNO}: boolean. Set the destination IP annotation of rewritten packets to their
 *     new destination. Default true.</li>
 * <li>{@code REPLY_ANNO}: a one-byte annotation. Echo replies get the value it had on the request
 *     that created their mapping.</li>
 * </ul>
 *
 * <p>Handlers: {@code table} (alias {@code mappings}; one line per direction, e.g.
 * {@code (1.0.0.1, 5.0.0.5, 10) => (2.0.0.2, 5.0.0.5, 10) [*0 1] i0 exp300}), {@code table_size},
 * {@code nmappings}, {@code size}, {@code capacity} (read/write), {@code mapping_failures},
 * {@code drops}, {@code patterns}, {@code pattern0}, ... (read), {@code clear} (write), as
 * IPRewriter's.
 *
 * <p>Not supported (Click has them): address ranges in SADDR, writable {@code patternN} handlers,
 * IPMapper INPUTSPECs, eviction of unguaranteed mappings when the table is full.
 *
 * <p>Threads: one table serves every thread and is not synchronized: the element must be run by
 * one worker thread at a time (FastClick keeps one table per thread).
 *
 * <p>Example, pings from inside leave from 2.0.0.2:
 * <pre>
 * icmp :: ICMPPingRewriter(pattern 2.0.0.2 - 0-65535 0 1, drop);
 * inside -&gt; [0] icmp [0] -&gt; outside;
 * outside_in -&gt; [1] icmp [1] -&gt; inside_out;
 * </pre>
 */
@ElementInfo(ports = "1-/1-", processing = "h/h")
public final class ICMPPingRewriter extends ClassifyingElement implements DropCounter, MappingLookup {
    private static final long SECOND = 1_000_000_000L;
    private static final int ICMP = 1;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO = 8;

    private final RewriteInputs inputs;
    private final int[] kind;
    private final int[] foutput;
    private final int[] routput;
    private final RewritePattern[] pattern;
    private final long timeout;
    private final long guarantee;
    private final MappingCapacity capacity;
    private final boolean dstAnno;
    private final MetadataField replyAnno;
    private final RewriteTables tables;
    /** The one table: this rewriter keeps a single table for every thread. */
    private final RewriteTable state;

    public ICMPPingRewriter(ElementConfig c) {
        super(c);
        Args args = c.args();
        timeout = args.keyword("TIMEOUT").durationNanos(300 * SECOND);
        guarantee = args.keyword("GUARANTEE").durationNanos(5 * SECOND);
        long reap = args.keyword("REAP_TIME").durationNanos(900 * SECOND);
        long reapInterval = args.keyword("REAP_INTERVAL").durationNanos(reap);
        capacity = new MappingCapacity(args);
        dstAnno = args.keyword("DST_ANNO").bool(true);
        replyAnno = IPRewriter.oneByteAnno(args.keyword("REPLY_ANNO"), args);
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
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] != null && !pattern[i].napt && pattern[i].variation > 0) {
                throw new IllegalArgumentException("input spec " + i + ": address ranges are not supported here");
            }
        }
        capacity.share(tables, host(), this);
        tables.restartClocks();
    }

    /** Test hook: replaces the clock (nanoseconds, like {@link System#nanoTime}). */
    void setClock(LongSupplier clock) {
        tables.setClock(clock);
    }

    private int lookup(int src, int dst, int type, int id) {
        return state.index.get(FlowKeyIndex.hi(src, dst), FlowKeyIndex.lo(ICMP, type, id));
    }

    @Override
    public int find(int proto, int src, int sport, int dst, int dport) {
        return proto == ICMP ? lookup(src, dst, ECHO_REPLY, sport) : -1;
    }

    @Override
    public RewriteTable table() {
        return state;
    }

    @Override
    public RewriteTables tables() {
        return tables;
    }

    @Override
    public int output(int entry) {
        int in = state.input[entry >>> 1];
        return (entry & 1) == 0 ? foutput[in] : routput[in];
    }

    @Override
    public int rewrittenSport(int entry) {
        int f = entry >>> 1;
        return (entry & 1) == 0 ? state.nPorts[f] : state.oPorts[f];
    }

    @Override
    public int rewrittenDport(int entry) {
        return 0;
    }

    // ------------------------------------------------------------------ data path

    @Override
    protected int classify(int port, Packet p) {
        RewriteTable s = state;
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        int len = p.length();
        if (nh < 0 || nh + 20 > len || p.u8(nh + 9) != ICMP || (p.u16(nh + 6) & 0x1FFF) != 0) {
            return notTranslatable(s, port, p);
        }
        int th = nh + ((p.u8(nh) & 0xF) << 2);
        if (len - th < 6) {
            return notTranslatable(s, port, p);
        }
        int type = p.u8(th);
        if (type != ECHO && type != ECHO_REPLY) {
            return notTranslatable(s, port, p);
        }
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        int id = p.u16(th + 4);
        long now = s.clock.getAsLong();
        s.reapIfDue(now);
        int e = lookup(src, dst, type, id);
        if (e >= 0 && s.expired(e, now)) {
            e = FlowKeyIndex.ABSENT;
        }
        if (e < 0) {
            int k = kind[port];
            if (type != ECHO || k == IPRewriter.PASS) {
                return notTranslatable(s, port, p);
            }
            int f = k == IPRewriter.DROP ? -1 : createFlow(s, port, src, dst, id, now);
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
        int newSrc;
        int newDst;
        int newId;
        int ipd;
        int icmpd;
        if (dir == 0) {
            newSrc = s.nSrc[f];
            newDst = s.nDst[f];
            newId = s.nPorts[f];
            ipd = s.ipDelta[f];
            icmpd = s.l4Delta[f];
        } else {
            newSrc = s.oDst[f];
            newDst = s.oSrc[f];
            newId = s.oPorts[f];
            ipd = IncrementalChecksum.negate(s.ipDelta[f]);
            icmpd = IncrementalChecksum.negate(s.l4Delta[f]);
            if (replyAnno != null) {
                p.setAnno(replyAnno, s.replyValue[f]);
            }
        }
        p.setU32(nh + 12, newSrc);
        p.setU32(nh + 16, newDst);
        p.setU16(nh + 10, IncrementalChecksum.apply(p.u16(nh + 10), ipd));
        p.setU16(th + 4, newId);
        int sum = IncrementalChecksum.apply(p.u16(th + 2), icmpd);
        if (sum == 0) {
            sum = recomputedChecksum(p, nh, th, len);
        }
        p.setU16(th + 2, sum);
        if (dstAnno) {
            p.setDstIpAnno(newDst);
        }
        s.touch(f, now + timeout, now + guarantee);
        int in = s.input[f];
        return dir == 0 ? foutput[in] : routput[in];
    }

    /**
     * The ICMP checksum computed afresh: an incremental update cannot tell a message that sums to
     * zero (checksum 0xFFFF) from one that sums to 0xFFFF (checksum 0), so a result of 0 is checked.
     */
    static int recomputedChecksum(Packet p, int nh, int th, int len) {
        p.setU16(th + 2, 0);
        return Checksum.of(p, th, Math.min(p.u16(nh + 2) - (th - nh), len - th));
    }

    private int notTranslatable(RewriteTable s, int port, Packet p) {
        if (kind[port] == IPRewriter.PASS) {
            return foutput[port];
        }
        s.drops++;
        p.kill();
        return -1;
    }

    // ------------------------------------------------------------------ mappings (slow path)

    private int createFlow(RewriteTable s, int in, int src, int dst, int id, long now) {
        int nsrc = src;
        int ndst = dst;
        int nid = id;
        if (kind[in] == IPRewriter.PATTERN) {
            RewritePattern pat = pattern[in];
            if (pat.saddr != 0) {
                nsrc = pat.saddr;
            }
            if (pat.daddr != 0) {
                ndst = pat.daddr;
            }
            if (pat.sport != 0) {
                nid = pat.sport;
            }
            if (pat.variation > 0) {
                nid = allocateId(s, pat, id, nsrc, ndst, now);
                if (nid < 0) {
                    s.failures++;
                    return -1;
                }
            }
        }
        int clash = lookup(ndst, nsrc, ECHO_REPLY, nid);
        if (clash >= 0) {
            s.destroy(clash >>> 1); // the new mapping takes over the reply key, as in Click
        }
        int f = s.allocFlow();
        if (f < 0) {
            s.failures++;
            return -1;
        }
        s.proto[f] = ICMP;
        s.oSrc[f] = src;
        s.oDst[f] = dst;
        s.oPorts[f] = id;
        s.nSrc[f] = nsrc;
        s.nDst[f] = ndst;
        s.nPorts[f] = nid;
        int ipd = IncrementalChecksum.addAddress(IncrementalChecksum.addAddress(0, src, nsrc), dst, ndst);
        s.ipDelta[f] = IncrementalChecksum.fold(ipd);
        s.l4Delta[f] = IncrementalChecksum.fold(IncrementalChecksum.addWord(0, id, nid)); // ICMP: no pseudo-header
        s.expiry[f] = now + timeout;
        s.guard[f] = now + guarantee;
        return s.install(f, in, foutput[in], routput[in], FlowKeyIndex.hi(src, dst), FlowKeyIndex.lo(ICMP, ECHO, id),
                FlowKeyIndex.hi(ndst, nsrc), FlowKeyIndex.lo(ICMP, ECHO_REPLY, nid), now) ? f : -1;
    }

    /** An identifier from the pattern's range whose replies are not mapped yet; -1 if none is free. */
    private int allocateId(RewriteTable s, RewritePattern pat, int id, int nsrc, int ndst, long now) {
        int base = pat.sport;
        int top = pat.variation;
        if (pat.sameFirst && id - base >= 0 && id - base <= top && idFree(s, ndst, nsrc, id, now)) {
            pat.nextVariation = id - base + 1;
            return id;
        }
        int v = pat.sequential ? (pat.nextVariation > top ? 0 : pat.nextVariation) : s.randomUpTo(top);
        for (int count = 0; count <= top; count++, v = v == top ? 0 : v + 1) {
            if (idFree(s, ndst, nsrc, base + v, now)) {
                pat.nextVariation = v + 1;
                return base + v;
            }
        }
        return -1;
    }

    private boolean idFree(RewriteTable s, int replySrc, int replyDst, int id, long now) {
        int e = lookup(replySrc, replyDst, ECHO_REPLY, id);
        return e < 0 || s.expired(e, now);
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
            String tail = "] i" + in + " exp" + t.secondsLeft(f) + "\n";
            flow(sb, oSrc, oDst, t.oPorts()[f]).append(" => ");
            flow(sb, nSrc, nDst, t.nPorts()[f]).append(" [*").append(foutput[in]).append(' ').append(routput[in])
                    .append(tail);
            flow(sb, nDst, nSrc, t.nPorts()[f]).append(" => ");
            flow(sb, oDst, oSrc, t.oPorts()[f]).append(" [").append(foutput[in]).append(" *").append(routput[in])
                    .append(tail);
        }
        return sb.toString();
    }

    private static StringBuilder flow(StringBuilder sb, int src, int dst, int id) {
        return sb.append('(').append(Addresses.ipString(src)).append(", ").append(Addresses.ipString(dst))
                .append(", ").append(id).append(')');
    }
}
