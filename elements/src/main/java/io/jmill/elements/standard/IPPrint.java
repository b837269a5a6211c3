package io.jmill.elements.standard;

import java.util.Set;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import io.jmill.elements.control.ChatterChannels;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Pretty-prints IP packets.
 *
 * <pre>IPPrint([LABEL, keywords CONTENTS, PAYLOAD, MAXLENGTH, ETHER, ID, TTL, TOS, LENGTH, TIMESTAMP,
 *   AGGREGATE, PAINT, SWAP, OUTFILE, ACTIVE, CHANNEL])</pre>
 *
 * <p>Expects IP packets, typically downstream of CheckIPHeader or MarkIPHeader, and prints one
 * line per packet in Click's tcpdump-like format, preceded by LABEL, then passes the packet on
 * unchanged:
 * <pre>
 * lbl: 1700000000.000001: 10.0.0.1.1234 &gt; 10.0.0.2.80: S 5:6(1,54,40) win 65535
 * lbl: 1700000000.000002: 10.0.0.1.1234 &gt; 10.0.0.2.53: udp 26
 * lbl: 1700000000.000003: 10.0.0.1 &gt; 10.0.0.2: icmp echo (4660, 1)
 * </pre>
 * TCP lines give the flags ({@code S}, {@code F}, {@code R}, {@code P}, or {@code .} for none of
 * them), {@code seq:end(seqlen,packet length,IP length)}, {@code ack N} when the ACK flag is set,
 * and the window. ICMP lines name the type (and code) as Click does: {@code echo},
 * {@code echo-reply}, {@code 10.0.0.9 unreachable port udp/53}, {@code timeexceeded transit}, ...
 * Fragments end with {@code (frag id:length@offset[+])}. Headers cut short by the end of the
 * packet print as {@code truncated-ip}, {@code truncated-tcp} and so on.
 *
 * <p>The IP header is where the packet's network header annotation says (set by CheckIPHeader or
 * MarkIPHeader). Packets without that annotation pass through unprinted, as in Click.
 *
 * <p>Lines go to standard error, or to OUTFILE. Printing allocates; this is a debugging element.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code LABEL}: string printed first, followed by a colon. Default none.</li>
 * <li>{@code CONTENTS}: {@code NONE}, {@code HEX} or {@code ASCII} (or a boolean, true meaning
 *     HEX): also print the packet's data, on following lines. Default NONE.</li>
 * <li>{@code PAYLOAD}: like CONTENTS, but print only the payload after the TCP or UDP header (or
 *     after the IP header for other protocols and later fragments). Give at most one of CONTENTS
 *     and PAYLOAD.</li>
 * <li>{@code MAXLENGTH}: integer. Most bytes of data printed; -1 for all. Default 1500.
 *     {@code NBYTES} is a deprecated synonym.</li>
 * <li>{@code ETHER}: boolean. Print the Ethernet source and destination first (when the MAC header
 *     is set and precedes the IP header). Default false.</li>
 * <li>{@code ID}, {@code TTL}, {@code TOS}, {@code LENGTH}: booleans. Print the IP ID, TTL, TOS or
 *     total length field. Default false.</li>
 * <li>{@code TIMESTAMP}: boolean. Print the timestamp annotation, as seconds since 1970 with
 *     microseconds. Default true.</li>
 * <li>{@code AGGREGATE}, {@code PAINT}: booleans. Print the aggregate or paint annotation.
 *     Default false.</li>
 * <li>{@code SWAP}: boolean. Print ICMP echo identifiers and sequence numbers in network byte
 *     order (false: byte-swapped, for old little-endian pingers). Default true.</li>
 * <li>{@code OUTFILE}: file name. Write lines to this file (truncated at initialization) instead
 *     of standard error; {@code -} means standard output.</li>
 * <li>{@code ACTIVE}: boolean. If false, print nothing. Default true.</li>
 * <li>{@code CHANNEL}: word. Print to this chatter channel instead of standard error: the lines
 *     reach the ChatterSockets listening on it (see ChatterSocket). OUTFILE wins over it.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code active} (read/write): the ACTIVE setting.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDump(in.pcap) -&gt; Strip(14) -&gt; CheckIPHeader -&gt; IPPrint(in, TTL true) -&gt; Discard;</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class IPPrint extends SimpleElement {
    static final int NONE = 0;
    static final int HEX = 1;
    static final int ASCII = 2;

    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int IP_MF = 0x2000;
    private static final int IP_OFFMASK = 0x1FFF;

    private final String label;
    private final int contents;
    private final boolean payload;
    private final int maxLength;
    private final boolean printEther;
    private final boolean printId;
    private final boolean printTtl;
    private final boolean printTos;
    private final boolean printLength;
    private final boolean printTimestamp;
    private final boolean printAggregate;
    private final boolean printPaint;
    private final boolean swap;
    private final String outfile;
    /** The CHANNEL's stream; null for the default channel, standard error. */
    private final PrintStream channel;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        /** Null: standard error as it is when a line is printed (a ChatterSocket may have replaced it). */
        PrintStream out;
        /** The OUTFILE stream this element opened (and must close), or null. */
        PrintStream opened;
    }

    /** Every keyword IPPrint reads: an uppercase first argument that is none of them is the label, as in Click. */
    private static final Set<String> KEYWORDS = Set.of("LABEL", "CONTENTS", "PAYLOAD", "MAXLENGTH", "NBYTES", "ETHER",
            "ID", "TIMESTAMP", "PAINT", "TOS", "TTL", "SWAP", "LENGTH", "AGGREGATE", "ACTIVE", "OUTFILE", "CHANNEL");

    public IPPrint(ElementConfig c) {
        super(c);
        var args = c.args();
        String bare = ClickPositional.keywordLike(c, 0, KEYWORDS);
        label = bare != null ? bare : args.positional("LABEL").string("");
        String contentsWord = args.keyword("CONTENTS").string("NONE");
        String payloadWord = args.keyword("PAYLOAD").string("NO");
        int max = args.keyword("MAXLENGTH").integer(1500, -1, Integer.MAX_VALUE);
        maxLength = args.keyword("NBYTES").integer(max, -1, Integer.MAX_VALUE);
        printEther = args.keyword("ETHER").bool(false);
        printId = args.keyword("ID").bool(false);
        printTimestamp = args.keyword("TIMESTAMP").bool(true);
        printPaint = args.keyword("PAINT").bool(false);
        printTos = args.keyword("TOS").bool(false);
        printTtl = args.keyword("TTL").bool(false);
        swap = args.keyword("SWAP").bool(true);
        printLength = args.keyword("LENGTH").bool(false);
        printAggregate = args.keyword("AGGREGATE").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        outfile = args.keyword("OUTFILE").string(null);
        channel = ChatterChannels.stream(args.keyword("CHANNEL").string(ChatterChannels.DEFAULT));

        int contentsMode = contentsMode(contentsWord, true);
        if (contentsMode < 0) {
            args.error("bad contents value '" + contentsWord + "'; should be 'NONE', 'HEX', or 'ASCII'");
            contentsMode = NONE;
        }
        int payloadMode = contentsMode(payloadWord, false);
        if (payloadMode < 0) {
            args.error("bad payload value '" + payloadWord + "'; should be 'false', 'hex', or 'ascii'");
            payloadMode = NONE;
        }
        if (payloadMode > 0 && contentsMode > 0) {
            args.error("specify at most one of PAYLOAD and CONTENTS");
        }
        payload = payloadMode > 0 && contentsMode == 0;
        contents = payload ? payloadMode : contentsMode;
    }

    /** NONE, HEX or ASCII for a CONTENTS or PAYLOAD word (booleans too), or -1 if bad. */
    private static int contentsMode(String word, boolean noneAllowed) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "TRUE", "YES", "T", "Y", "1", "HEX" -> HEX;
            case "FALSE", "NO", "F", "N", "0" -> NONE;
            case "NONE" -> noneAllowed ? NONE : -1;
            case "ASCII" -> ASCII;
            default -> -1;
        };
    }

    /** For tests: where lines go. */
    void setOutput(PrintStream out) {
        state.out = out;
    }

    @Override
    public void initialize() throws IOException {
        if (outfile == null) {
            if (channel != null) {
                state.out = channel;
            }
            return;
        }
        if (outfile.equals("-")) {
            state.out = System.out;
            return;
        }
        try {
            state.opened = new PrintStream(new BufferedOutputStream(new FileOutputStream(outfile)), false,
                    StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException(outfile + ": " + e.getMessage(), e);
        }
        state.out = state.opened;
    }

    @Override
    public void cleanup() {
        if (state.opened != null) {
            state.opened.close();
            state.opened = null;
            state.out = null;
        }
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (state.active && p.hasNetworkHeader()) {
            StringBuilder sb = new StringBuilder(96);
            line(sb, p);
            sb.append('\n');
            PrintStream out = state.out;
            if (out == null) {
                out = System.err;
            }
            out.print(sb);
            if (out != state.opened) {
                out.flush();
            }
        }
        return p;
    }

    // ------------------------------------------------------------------ formatting

    /** Appends the line for {@code p}, without the newline. */
    void line(StringBuilder sb, Packet p) {
        if (!label.isEmpty()) {
            sb.append(label).append(": ");
        }
        if (printTimestamp) {
            timestamp(sb, p.timestampNanos()).append(": ");
        }
        if (printAggregate) {
            sb.append('#').append(Integer.toUnsignedString(p.aggregate()));
        }
        if (printPaint) {
            sb.append(printAggregate ? "." : "paint ").append(p.paint());
        }
        if (printAggregate || printPaint) {
            sb.append(": ");
        }
        int len = p.length();
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : 0;
        if (printEther && p.hasMacHeader()) {
            int mh = p.macHeaderOffset();
            if (mh >= 0 && mh + 14 <= nh && mh + 14 <= len) {
                ether(sb, p, mh + 6).append(" > ");
                ether(sb, p, mh).append(": ");
            }
        }
        if (nh < 0 || len - nh < 20) {
            sb.append("truncated-ip");
            return;
        }
        int ihl = (p.u8(nh) & 0x0F) << 2;
        int ipLen = p.u16(nh + 2);
        int payloadLen = ipLen - ihl;
        int th = p.hasNetworkHeader() && p.hasTransportHeader() ? p.transportHeaderOffset() : nh + ihl;
        int transportLen = Math.min(len - th, payloadLen);
        int off = p.u16(nh + 6);
        int proto = p.u8(nh + 9);
        boolean firstFrag = (off & IP_OFFMASK) == 0;

        if (printId) {
            sb.append("id ").append(p.u16(nh + 4)).append(' ');
        }
        if (printTtl) {
            sb.append("ttl ").append(p.u8(nh + 8)).append(' ');
        }
        if (printTos) {
            sb.append("tos ").append(p.u8(nh + 1)).append(' ');
        }
        if (printLength) {
            sb.append("length ").append(ipLen).append(' ');
        }

        switch (proto) {
            case PROTO_TCP -> tcp(sb, p, nh, th, transportLen, firstFrag);
            case PROTO_UDP -> udp(sb, p, nh, th, transportLen, firstFrag);
            case PROTO_ICMP -> icmp(sb, p, nh, th, transportLen, firstFrag);
            default -> addresses(sb, p, nh).append(": ip-proto-").append(proto);
        }

        if ((off & (IP_MF | IP_OFFMASK)) != 0) {
            sb.append(" (frag ").append(p.u16(nh + 4)).append(':').append(payloadLen).append('@')
                    .append((off & IP_OFFMASK) << 3).append((off & IP_MF) != 0 ? "+" : "").append(')');
        }

        if (contents != NONE) {
            int data = 0;
            if (payload) {
                if (firstFrag && proto == PROTO_TCP && th + 13 <= len) {
                    data = th + ((p.u8(th + 12) >> 4) << 2);
                } else if (firstFrag && proto == PROTO_UDP) {
                    data = th + 8;
                } else {
                    data = th;
                }
            }
            int bytes = maxLength;
            if (data >= len || data < 0) {
                bytes = 0;
            } else if (bytes < 0 || len - data < bytes) {
                bytes = len - data;
            }
            if (contents == HEX) {
                hexDump(sb, p, data, bytes);
            } else {
                asciiDump(sb, p, data, bytes);
            }
        }
    }

    private void tcp(StringBuilder sb, Packet p, int nh, int th, int transportLen, boolean firstFrag) {
        if (transportLen < 4 || !firstFrag) {
            addresses(sb, p, nh).append(firstFrag ? ": truncated-tcp" : ": tcp");
            return;
        }
        ip(sb, p.u32(nh + 12)).append('.').append(p.u16(th)).append(" > ");
        ip(sb, p.u32(nh + 16)).append('.').append(p.u16(th + 2)).append(": ");
        if (transportLen < 14) {
            sb.append("truncated-tcp");
            return;
        }
        int ipLen = p.u16(nh + 2);
        int ihl = (p.u8(nh) & 0x0F) << 2;
        int flags = p.u8(th + 13);
        int seqlen = ipLen - ihl - ((p.u8(th + 12) >> 4) << 2);
        if ((flags & 0x02) != 0) {
            sb.append('S');
            seqlen++;
        }
        if ((flags & 0x01) != 0) {
            sb.append('F');
            seqlen++;
        }
        if ((flags & 0x04) != 0) {
            sb.append('R');
        }
        if ((flags & 0x08) != 0) {
            sb.append('P');
        }
        if ((flags & 0x0F) == 0) {
            sb.append('.');
        }
        int seq = p.u32(th + 4);
        sb.append(' ').append(Integer.toUnsignedString(seq)).append(':')
                .append(Integer.toUnsignedString(seq + seqlen))
                .append('(').append(seqlen).append(',').append(p.length()).append(',').append(ipLen).append(')');
        if ((flags & 0x10) != 0) {
            sb.append(" ack ").append(Integer.toUnsignedString(p.u32(th + 8)));
        }
        if (transportLen < 16) {
            sb.append("truncated-tcp");
            return;
        }
        sb.append(" win ").append(p.u16(th + 14));
    }

    private void udp(StringBuilder sb, Packet p, int nh, int th, int transportLen, boolean firstFrag) {
        if (transportLen < 4 || !firstFrag) {
            addresses(sb, p, nh).append(firstFrag ? ": truncated-udp" : ": udp");
            return;
        }
        ip(sb, p.u32(nh + 12)).append('.').append(p.u16(th)).append(" > ");
        ip(sb, p.u32(nh + 16)).append('.').append(p.u16(th + 2)).append(": ");
        if (transportLen < 8) {
            sb.append("truncated-udp");
            return;
        }
        sb.append("udp ").append(p.u16(th + 4));
    }

    private void icmp(StringBuilder sb, Packet p, int nh, int th, int transportLen, boolean firstFrag) {
        addresses(sb, p, nh).append(": ");
        if (!firstFrag) {
            sb.append("icmp");
            return;
        }
        if (transportLen < 2) {
            sb.append("truncated-icmp");
            return;
        }
        int type = p.u8(th);
        int code = p.u8(th + 1);
        switch (type) {
            case 0, 8 -> {
                sb.append(type == 0 ? "icmp echo-reply " : "icmp echo ");
                if (transportLen < 8) {
                    sb.append("truncated-icmp");
                    return;
                }
                sb.append('(').append(swapped(p.u16(th + 4))).append(", ").append(swapped(p.u16(th + 6))).append(')');
            }
            case 3 -> {
                String codeName = icmpCodeName(type, code);
                String codeText = codeName != null ? codeName : "code " + code;
                int eiph = th + 8;
                int eiphLen = transportLen - 8;
                if (eiphLen < 20) {
                    sb.append("icmp unreachable ").append(codeText).append(" truncated-icmp");
                    return;
                }
                int eihl = (p.u8(eiph) & 0x0F) << 2;
                int eudph = eiph + eihl;
                int eudphLen = eiphLen - eihl;
                sb.append("icmp ");
                ip(sb, p.u32(eiph + 16)).append(" unreachable ").append(codeText);
                int eproto = p.u8(eiph + 9);
                switch (code) {
                    case 2 -> sb.append(' ').append(protocolName(eproto, false));
                    case 3 -> {
                        sb.append(' ').append(protocolName(eproto, true));
                        if (eudphLen < 4) {
                            sb.append("truncated-icmp");
                            return;
                        }
                        sb.append('/').append(p.u16(eudph + 2));
                    }
                    case 4 -> {
                        int mtu = p.u16(th + 6);
                        if (mtu != 0) {
                            sb.append(" (mtu ").append(mtu).append(')');
                        }
                    }
                    default -> {
                    }
                }
            }
            default -> {
                sb.append("icmp ");
                String typeName = icmpTypeName(type);
                if (typeName != null) {
                    sb.append(typeName);
                } else {
                    sb.append("type ").append(type);
                }
                String codeName = icmpCodeName(type, code);
                if (codeName != null) {
                    sb.append(' ').append(codeName);
                } else if (code != 0) {
                    sb.append(" code ").append(code);
                }
            }
        }
    }

    private int swapped(int v) {
        return swap ? v : ((v & 0xFF) << 8) | (v >>> 8);
    }

    // ------------------------------------------------------------------ Click's name tables

    static String icmpTypeName(int type) {
        return switch (type) {
            case 0 -> "echo-reply";
            case 3 -> "unreachable";
            case 4 -> "sourcequench";
            case 5 -> "redirect";
            case 8 -> "echo";
            case 9 -> "routeradvert";
            case 10 -> "routersolicit";
            case 11 -> "timeexceeded";
            case 12 -> "parameterproblem";
            case 13 -> "timestamp";
            case 14 -> "timestamp-reply";
            case 15 -> "inforeq";
            case 16 -> "inforeq-reply";
            case 17 -> "maskreq";
            case 18 -> "maskreq-reply";
            default -> null;
        };
    }

    static String icmpCodeName(int type, int code) {
        return switch (type) {
            case 3 -> switch (code) {
                case 0 -> "net";
                case 1 -> "host";
                case 2 -> "protocol";
                case 3 -> "port";
                case 4 -> "needfrag";
                case 5 -> "srcroutefail";
                case 6 -> "netunknown";
                case 7 -> "hostunknown";
                case 8 -> "isolated";
                case 9 -> "netprohibited";
                case 10 -> "hostprohibited";
                case 11 -> "tosnet";
                case 12 -> "toshost";
                case 13 -> "filterprohibited";
                case 14 -> "hostprecedence";
                case 15 -> "precedencecutoff";
                default -> null;
            };
            case 5 -> switch (code) {
                case 0 -> "net";
                case 1 -> "host";
                case 2 -> "tosnet";
                case 3 -> "toshost";
                default -> null;
            };
            case 11 -> switch (code) {
                case 0 -> "transit";
                case 1 -> "reassembly";
                default -> null;
            };
            case 12 -> switch (code) {
                case 0 -> "erroratptr";
                case 1 -> "missingopt";
                case 2 -> "length";
                default -> null;
            };
            default -> null;
        };
    }

    static String protocolName(int proto, boolean prepend) {
        return switch (proto) {
            case 1 -> "icmp";
            case 2 -> "igmp";
            case 4 -> "ipip";
            case 6 -> "tcp";
            case 17 -> "udp";
            default -> prepend ? "protocol " + proto : Integer.toString(proto);
        };
    }

    // ------------------------------------------------------------------ pieces

    private static StringBuilder addresses(StringBuilder sb, Packet p, int nh) {
        ip(sb, p.u32(nh + 12)).append(" > ");
        return ip(sb, p.u32(nh + 16));
    }

    private static StringBuilder ip(StringBuilder sb, int a) {
        return sb.append(a >>> 24).append('.').append((a >>> 16) & 0xFF).append('.')
                .append((a >>> 8) & 0xFF).append('.').append(a & 0xFF);
    }

    /** Click's Ethernet address form: upper-case hex octets joined by '-'. */
    private static StringBuilder ether(StringBuilder sb, Packet p, int at) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append('-');
            }
            hex2(sb, p.u8(at + i), true);
        }
        return sb;
    }

    /** Seconds since 1970 with six decimals, as Click prints timestamps. */
    static StringBuilder timestamp(StringBuilder sb, long nanos) {
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long micros = Math.floorMod(nanos, 1_000_000_000L) / 1000;
        sb.append(sec).append('.');
        String m = Long.toString(micros);
        for (int i = m.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(m);
    }

    private static void hexDump(StringBuilder sb, Packet p, int from, int bytes) {
        for (int i = 0; i < bytes; i++) {
            if (i % 24 == 0) {
                sb.append("\n  ");
            } else if (i % 4 == 0) {
                sb.append(' ');
            }
            hex2(sb, p.u8(from + i), false);
        }
    }

    private static void asciiDump(StringBuilder sb, Packet p, int from, int bytes) {
        for (int i = 0; i < bytes; i++) {
            if (i % 48 == 0) {
                sb.append("\n  ");
            } else if (i % 8 == 0) {
                sb.append(' ');
            }
            int b = p.u8(from + i);
            sb.append(b < 32 || b > 126 ? '.' : (char) b);
        }
    }

    private static void hex2(StringBuilder sb, int b, boolean upper) {
        String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        sb.append(digits.charAt(b >>> 4)).append(digits.charAt(b & 0xF));
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
    }
}
