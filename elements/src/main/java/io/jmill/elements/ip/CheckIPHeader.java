package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.IPPrefix;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks IP headers.
 *
 * <pre>CheckIPHeader([OFFSET, keywords OFFSET, INTERFACES, BADSRC, GOODDST, CHECKSUM, VERBOSE, DETAILS])</pre>
 *
 * <p>Input packets should have IP headers starting OFFSET bytes in (default 0; 14 after an
 * Ethernet header). Checks, as RFC 1812 section 5.2.2 asks, that the packet is long enough for an
 * IP header (20 bytes), that the version is 4, that the header length is at least 20 bytes, that
 * the total length is at least the header length and at most the packet length from OFFSET on
 * (so the header also fits), and that the header checksum is valid. If source addresses are to be
 * checked (see below), also checks the source address (RFC 1812 5.3.7).
 *
 * <p>A valid packet gets its network header annotation (at OFFSET, IHL * 4 bytes long; the
 * transport header follows) and its destination IP address annotation set, is shortened to the IP
 * total length (removing, for example, Ethernet padding), and leaves on output 0. Invalid packets
 * leave on output 1 if it is connected, and are dropped otherwise. The first invalid packet is
 * reported on standard error (every one with VERBOSE).
 *
 * <p>Source addresses are checked only if INTERFACES, BADSRC or GOODDST is given: a packet whose
 * source is in the BADSRC set is invalid unless its destination is in the GOODDST set.
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code OFFSET}: unsigned integer. Byte position at which the IP header begins. Default 0.</li>
 * <li>{@code CHECKSUM}: boolean. If false, do not check the header checksum. Default true.</li>
 * <li>{@code BADSRC}: space-separated list of IP addresses. Packets from these sources are
 *     invalid (but see GOODDST). Default empty.</li>
 * <li>{@code GOODDST}: space-separated list of IP addresses. Packets to these destinations are
 *     exempt from the BADSRC check. Default empty.</li>
 * <li>{@code INTERFACES}: space-separated list of IP prefixes, this router's interface addresses
 *     with their networks. {@code INTERFACES 18.26.4.9/24 18.32.9.44/28} acts as
 *     {@code BADSRC 18.26.4.255 18.32.9.47 0.0.0.0 255.255.255.255} (the broadcast addresses) plus
 *     {@code GOODDST 18.26.4.9 18.32.9.44}.</li>
 * <li>{@code VERBOSE}: boolean. Report every invalid packet, not just the first. Default false.</li>
 * <li>{@code DETAILS}: boolean. Keep a count per reason, read through {@code drop_details}.
 *     Default false.</li>
 * </ul>
 *
 * <p>Click's old syntax {@code CheckIPHeader(BADSRC2, OFFSET)} is accepted: BADSRC2 is a list of
 * bad source addresses to which 0.0.0.0 and 255.255.255.255 are added. A single integer argument
 * is OFFSET.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): valid packets seen (FastClick's handler; Click has none).</li>
 * <li>{@code drops} (read): invalid packets seen.</li>
 * <li>{@code drop_details} (read, only with DETAILS): one line per reason, {@code count<TAB>reason},
 *     for the reasons {@code tiny packet}, {@code bad IP version}, {@code bad IP header length},
 *     {@code bad IP length}, {@code bad IP checksum}, {@code bad source address}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; c :: CheckIPHeader(14, INTERFACES 10.0.0.1/24) -&gt; ...
 * c[1] -&gt; Discard;</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public class CheckIPHeader extends ClassifyingElement {
    static final int TINY = 0;
    static final int BAD_VERSION = 1;
    static final int BAD_HLEN = 2;
    static final int BAD_IP_LEN = 3;
    static final int BAD_CHECKSUM = 4;
    static final int BAD_SADDR = 5;
    private static final String[] REASONS = {
        "tiny packet", "bad IP version", "bad IP header length", "bad IP length", "bad IP checksum",
        "bad source address"
    };

    private final int offset;
    private final boolean checksum;
    private final boolean verbose;
    private final int[] badSrc;
    private final int[] goodDst;
    private final DropStats stats;

    public CheckIPHeader(ElementConfig c) {
        this(c, true);
    }

    /** For {@link CheckIPHeader2}, which differs only in the CHECKSUM default. */
    CheckIPHeader(ElementConfig c, boolean checksumDefault) {
        super(c);
        Args args = c.args();
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        Arg interfaces = args.keyword("INTERFACES");
        if (interfaces.present()) {
            for (IPPrefix ifc : AddressLists.prefixes(args, interfaces)) {
                bad.add((ifc.address() & ifc.mask()) | ~ifc.mask());
                good.add(ifc.address());
            }
            bad.add(0);
            bad.add(0xFFFF_FFFF);
        }
        addAll(bad, AddressLists.addresses(args, args.keyword("BADSRC")));
        addAll(good, AddressLists.addresses(args, args.keyword("GOODDST")));
        int off = args.keyword("OFFSET").integer(0, 0, 0xFFFF);
        verbose = args.keyword("VERBOSE").bool(false);
        boolean details = args.keyword("DETAILS").bool(false);
        checksum = args.keyword("CHECKSUM").bool(checksumDefault);

        List<Arg> rest = args.remainingPositional();
        if (rest.size() == 1 && rest.getFirst().present() && isUnsigned(rest.getFirst().raw())) {
            off = rest.getFirst().integer(0, 0, 0xFFFF);
        } else if (!rest.isEmpty()) {
            // Click's old syntax: CheckIPHeader(BADSRC2, OFFSET).
            Arg oldBad = rest.getFirst();
            if (oldBad.present()) {
                addAll(bad, AddressLists.addresses(args, oldBad));
                bad.add(0);
                bad.add(0xFFFF_FFFF);
            }
            if (rest.size() > 1) {
                off = rest.get(1).integer(off, 0, 0xFFFF);
            }
            if (rest.size() > 2) {
                args.error("too many arguments");
            }
        }
        offset = off;
        badSrc = bad.stream().mapToInt(Integer::intValue).distinct().toArray();
        goodDst = good.stream().mapToInt(Integer::intValue).distinct().toArray();
        stats = new DropStats(REASONS, details);
    }

    private static void addAll(List<Integer> list, int[] values) {
        for (int v : values) {
            list.add(v);
        }
    }

    private static boolean isUnsigned(String text) {
        return text.matches("[0-9]+|0[xX][0-9a-fA-F]+");
    }

    @Override
    protected int classify(int port, Packet p) {
        int off = offset;
        int plen = p.length() - off;
        if (plen < Ip.MIN_HEADER) {
            return drop(TINY, p);
        }
        int vhl = p.u8(off);
        if ((vhl >>> 4) != 4) {
            return drop(BAD_VERSION, p);
        }
        int hlen = (vhl & 0xF) << 2;
        if (hlen < Ip.MIN_HEADER) {
            return drop(BAD_HLEN, p);
        }
        int len = p.u16(off + 2);
        if (len > plen || len < hlen) {
            return drop(BAD_IP_LEN, p);
        }
        if (checksum && Checksum.of(p, off, hlen) != 0) {
            return drop(BAD_CHECKSUM, p);
        }
        int dst = p.u32(off + 16);
        if (badSrc.length != 0 && Ip.contains(badSrc, p.u32(off + 12)) && !Ip.contains(goodDst, dst)) {
            return drop(BAD_SADDR, p);
        }
        p.setNetworkHeader(off, hlen);
        if (plen > len) {
            p.take(plen - len);
        }
        p.setDstIpAnno(dst);
        stats.passed++;
        return 0;
    }

    private int drop(int reason, Packet p) {
        if (stats.count(reason, verbose)) {
            System.err.println(name() + ": IP header check failed: " + stats.reason(reason));
        }
        return checkedPort(1, p);
    }

    @Override
    public void addHandlers(Handlers h) {
        DropStats s = stats;
        h.readLong("count", () -> s.passed);
        h.readLong("drops", () -> s.drops);
        if (s.hasDetails()) {
            h.read("drop_details", s::details);
        }
    }
}
