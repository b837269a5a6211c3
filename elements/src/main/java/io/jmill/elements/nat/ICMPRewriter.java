package io.jmill.elements.nat;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * Rewrites ICMP error messages about packets that a rewriter translated.
 *
 * <pre>ICMPRewriter(MAPS [, keywords DST_ANNO, REPLY_ANNO])</pre>
 *
 * <p>MAPS names one or more {@code IPRewriter} (also UDPRewriter, TCPRewriter) or
 * {@code ICMPPingRewriter} elements, separated by spaces. An ICMP error (destination unreachable,
 * time exceeded, parameter problem, source quench, redirect) quotes the header of the packet that
 * caused it; when that packet was translated by one of the rewriters, ICMPRewriter translates the
 * quote back, as the reply to it would be: the quoted addresses and ports (or echo identifier), the
 * quoted IP and transport checksums, the error's destination if it was the translated address,
 * and the ICMP checksum. The first rewriter with a matching mapping is used; its mapping's output
 * is ignored unless the name is written {@code NAME:OFFSET}, when the packet leaves on output
 * OFFSET plus the mapping's reply output. Otherwise rewritten errors leave on output 0. Errors
 * without a matching mapping and other ICMP messages leave on output 1 if there is one, and are
 * dropped if not; packets that are not ICMP are dropped.
 *
 * <p>Ports: one input, one or more outputs; push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code DST_ANNO}: boolean. Set the destination IP annotation when the destination changes.
 *     Default true.</li>
 * <li>{@code REPLY_ANNO}: a one-byte annotation: rewritten errors get the reply annotation of the
 *     mapping, as the rewriter's own replies do (see IPRewriter's REPLY_ANNO).</li>
 * </ul>
 *
 * <p>Not supported (Click has it): IPAddrRewriter and IPAddrPairRewriter in MAPS.
 *
 * <p>Example:
 * <pre>
 * rw :: IPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop);
 * errors_from_outside -&gt; ICMPRewriter(rw) -&gt; to_inside;
 * </pre>
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class ICMPRewriter extends ClassifyingElement {
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final String[] mapNames;
    private final int[] offsets;
    private final MappingLookup[] maps;
    private final boolean dstAnno;
    private final MetadataField replyAnno;

    public ICMPRewriter(ElementConfig c) {
        super(c);
        Args args = c.args();
        List<String> words = args.mandatoryPositional("MAPS").words();
        dstAnno = args.keyword("DST_ANNO").bool(true);
        replyAnno = IPRewriter.oneByteAnno(args.keyword("REPLY_ANNO"), args);
        mapNames = new String[words.size()];
        offsets = new int[words.size()];
        maps = new MappingLookup[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int colon = w.indexOf(':');
            offsets[i] = -1;
            mapNames[i] = colon < 0 ? w : w.substring(0, colon);
            if (colon >= 0) {
                try {
                    offsets[i] = Integer.parseInt(w.substring(colon + 1));
                } catch (NumberFormatException e) {
                    args.error(w + " not an IP rewriter");
                }
            }
        }
        if (words.isEmpty()) {
            args.error("no IP rewriters supplied");
        }
    }

    @Override
    public void initialize() {
        for (int i = 0; i < mapNames.length; i++) {
            Element e = host().element(mapNames[i]);
            if (!(e instanceof MappingLookup m)) {
                throw new IllegalArgumentException(mapNames[i] + " not an IP rewriter (IPRewriter or ICMPPingRewriter)");
            }
            if (offsets[i] >= 0 && offsets[i] + e.noutputs() > noutputs()) {
                throw new IllegalArgumentException(mapNames[i] + ":" + offsets[i] + " port offset requires more than "
                        + noutputs() + (noutputs() == 1 ? " output" : " outputs"));
            }
            maps[i] = m;
        }
    }

    // ICMP errors are rare: this path favours clarity (checksums partly recomputed) over speed.
    @Override
    protected int classify(int port, Packet p) {
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        int len = p.length();
        if (nh < 0 || nh + 20 > len || p.u8(nh + 9) != ICMP) {
            p.kill();
            return -1;
        }
        int th = nh + ((p.u8(nh) & 0xF) << 2);
        int unmapped = noutputs() > 1 ? 1 : -1;
        if (th + 8 + 20 > len) {
            return unmapped(p, unmapped);
        }
        int type = p.u8(th);
        if (type != 3 && type != 11 && type != 12 && type != 4 && type != 5) {
            return unmapped(p, unmapped);
        }
        int enc = th + 8;
        int ehl = (p.u8(enc) & 0xF) << 2;
        if (p.u8(enc) >>> 4 != 4 || ehl < 20) {
            return unmapped(p, unmapped);
        }
        int et = enc + ehl;
        int eproto = p.u8(enc + 9);
        int esrc = p.u32(enc + 12);
        int edst = p.u32(enc + 16);
        boolean firstFragment = (p.u16(enc + 6) & 0x1FFF) == 0;
        boolean ports = (eproto == TCP || eproto == UDP) && firstFragment && et + 8 <= len;
        boolean echo = eproto == ICMP && firstFragment && et + 6 <= len && p.u8(et) == 8;
        int sport = ports ? p.u16(et) : echo ? p.u16(et + 4) : 0;
        int dport = ports ? p.u16(et + 2) : 0;
        int entry = -1;
        int map = 0;
        for (; map < maps.length; map++) {
            // The key of a reply to the quoted packet; for an echo request, the identifier.
            entry = echo ? maps[map].find(ICMP, edst, sport, esrc, 0) : maps[map].find(eproto, edst, dport, esrc, sport);
            if (entry >= 0) {
                break;
            }
        }
        if (entry < 0) {
            return unmapped(p, unmapped);
        }
        MappingLookup m = maps[map];
        RewriteTable s = m.table();
        int f = entry >>> 1;
        int dir = entry & 1;
        int newSrc = dir == 0 ? s.nSrc[f] : s.oDst[f];
        int newDst = dir == 0 ? s.nDst[f] : s.oSrc[f];
        int newSport = m.rewrittenSport(entry);
        int newDport = m.rewrittenDport(entry);
        // The error's destination, if it was the translated address.
        if (p.u32(nh + 16) == esrc) {
            p.setU16(nh + 10, IncrementalChecksum.apply(p.u16(nh + 10),
                    IncrementalChecksum.fold(IncrementalChecksum.addAddress(0, esrc, newDst))));
            p.setU32(nh + 16, newDst);
            if (dstAnno) {
                p.setDstIpAnno(newDst);
            }
        }
        if (replyAnno != null && dir == 1) {
            p.setAnno(replyAnno, s.replyValue[f]);
        }
        // The quoted packet: it was going from the translated source to the destination.
        int addresses = IncrementalChecksum.addAddress(IncrementalChecksum.addAddress(0, esrc, newDst), edst, newSrc);
        p.setU32(enc + 12, newDst);
        p.setU32(enc + 16, newSrc);
        p.setU16(enc + 10, IncrementalChecksum.apply(p.u16(enc + 10), IncrementalChecksum.fold(addresses)));
        if (ports) {
            int delta = IncrementalChecksum.addWord(IncrementalChecksum.addWord(addresses, sport, newDport), dport, newSport);
            p.setU16(et, newDport);
            p.setU16(et + 2, newSport);
            if (eproto == TCP && et + 18 <= len) {
                p.setU16(et + 16, IncrementalChecksum.apply(p.u16(et + 16), IncrementalChecksum.fold(delta)));
            } else if (eproto == UDP && p.u16(et + 6) != 0) {
                p.setU16(et + 6, IncrementalChecksum.applyUdp(p.u16(et + 6), IncrementalChecksum.fold(delta)));
            }
        } else if (echo) {
            p.setU16(et + 4, newSport);
            p.setU16(et + 2, IncrementalChecksum.apply(p.u16(et + 2),
                    IncrementalChecksum.fold(IncrementalChecksum.addWord(0, sport, newSport))));
        }
        p.setU16(th + 2, 0);
        p.setU16(th + 2, Checksum.of(p, th, Math.min(p.u16(nh + 2) - (th - nh), len - th)));
        return offsets[map] >= 0 ? offsets[map] + m.output(entry) : 0;
    }

    private static int unmapped(Packet p, int output) {
        if (output < 0) {
            p.kill();
        }
        return output;
    }
}
