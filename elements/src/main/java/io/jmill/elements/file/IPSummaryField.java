package io.jmill.elements.file;

import io.jmill.driver.pcap.PcapFormat;
import io.jmill.engine.args.IPPrefix;
import io.jmill.layout.Packet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of Click's IP summary dump format: how ToIPSummaryDump writes each one from a packet
 * (a dash when the packet does not have it) and how FromIPSummaryDump reads it into an
 * {@link IPSummarySketch}. Field names are Click's, with its aliases; spaces may stand for
 * underscores.
 */
enum IPSummaryField {
    TIMESTAMP(0, "timestamp", "ts"),
    TS_SEC(0, "ts_sec", "sec"),
    TS_USEC(0, "ts_usec", "usec"),
    TS_USEC1(0, "ts_usec1"),
    FIRST_TIMESTAMP(0, "first_timestamp", "first_ts"),
    IP_PROTO(1, "ip_proto", "proto"),
    IP_SRC(2, "ip_src", "src"),
    IP_DST(2, "ip_dst", "dst"),
    IP_LEN(2, "ip_len", "len", "length"),
    IP_HL(2, "ip_hl"),
    IP_ID(2, "ip_id", "id"),
    IP_TOS(2, "ip_tos", "tos"),
    IP_DSCP(2, "ip_dscp"),
    IP_ECN(2, "ip_ecn"),
    IP_TTL(2, "ip_ttl", "ttl"),
    IP_SUM(2, "ip_sum"),
    IP_FRAG(2, "ip_frag", "frag"),
    IP_FRAGOFF(2, "ip_fragoff", "fragoff"),
    IP_OPT(2, "ip_opt"),
    SPORT(3, "sport"),
    DPORT(3, "dport"),
    TCP_SEQ(3, "tcp_seq", "seq"),
    TCP_ACK(3, "tcp_ack", "ack"),
    TCP_OFF(3, "tcp_off"),
    TCP_FLAGS(3, "tcp_flags", "tcp_flag", "flags"),
    TCP_WINDOW(3, "tcp_window", "tcp_win", "win", "window"),
    TCP_URP(3, "tcp_urp", "urp"),
    TCP_OPT(3, "tcp_opt"),
    TCP_NTOPT(3, "tcp_ntopt"),
    TCP_SACK(3, "tcp_sack"),
    UDP_LEN(3, "udp_len"),
    ICMP_TYPE(3, "icmp_type"),
    ICMP_CODE(3, "icmp_code"),
    ICMP_TYPE_NAME(3, "icmp_type_name"),
    ICMP_CODE_NAME(3, "icmp_code_name"),
    ICMP_FLOWID(3, "icmp_flowid", "icmp_id"),
    ICMP_SEQ(3, "icmp_seq"),
    PAYLOAD(4, "payload"),
    PAYLOAD_LEN(4, "payload_len"),
    PAYLOAD_MD5(4, "payload_md5"),
    PAYLOAD_MD5_HEX(4, "payload_md5_hex"),
    IP_CAPTURE_LEN(4, "ip_capture_len", "capture_len"),
    COUNT(0, "count", "pkt_count", "packet_count"),
    DIRECTION(0, "direction"),
    LINK(0, "link", "paint"),
    AGGREGATE(0, "aggregate", "agg"),
    WIRE_LEN(0, "wire_len"),
    THREAD(0, "thread");

    /** Injection order: the protocol first, then the IP header, the transport header, the payload. */
    final int order;
    final String name;
    private final String[] aliases;

    private static final Map<String, IPSummaryField> BY_NAME = new HashMap<>();

    static {
        for (IPSummaryField f : values()) {
            for (String a : f.aliases) {
                BY_NAME.put(a, f);
            }
        }
    }

    IPSummaryField(int order, String... names) {
        this.order = order;
        this.name = names[0];
        this.aliases = names;
    }

    /** The field a name denotes (Click's names and aliases; spaces for underscores), or null. */
    static IPSummaryField find(String name) {
        return BY_NAME.get(name.strip().toLowerCase(Locale.ROOT).replace(' ', '_'));
    }

    // ------------------------------------------------------------------ writing

    /** Appends this field of {@code p} to {@code sb}, or a dash when {@code p} does not have it. */
    void write(Packet p, StringBuilder sb) {
        String v = value(p);
        sb.append(v == null ? "-" : v);
    }

    private String value(Packet p) {
        int len = p.length();
        int nh = ipHeader(p);
        switch (this) {
            case TIMESTAMP -> {
                return timestamp(p.timestampNanos());
            }
            case TS_SEC -> {
                return Long.toString(Math.floorDiv(p.timestampNanos(), 1_000_000_000L));
            }
            case TS_USEC -> {
                return Long.toString(Math.floorMod(p.timestampNanos(), 1_000_000_000L) / 1000);
            }
            case TS_USEC1 -> {
                return Long.toString(Math.floorDiv(p.timestampNanos(), 1000));
            }
            case FIRST_TIMESTAMP -> {
                return timestamp(p.firstTimestampNanos());
            }
            case COUNT -> {
                return "1";
            }
            case DIRECTION -> {
                int paint = p.paint();
                return paint == 0 ? ">" : paint == 1 ? "<" : Integer.toString(paint);
            }
            case LINK -> {
                return Integer.toString(p.paint());
            }
            case AGGREGATE -> {
                return Integer.toUnsignedString(p.aggregate());
            }
            case WIRE_LEN -> {
                return Long.toString(len + p.anno(PcapFormat.EXTRA_LENGTH));
            }
            case THREAD -> {
                return Integer.toString(io.jmill.engine.runtime.CurrentWorker.index());
            }
            default -> {
            }
        }
        if (nh < 0) {
            return switch (this) {
                case IP_LEN -> Long.toString(len + p.anno(PcapFormat.EXTRA_LENGTH));
                case PAYLOAD -> quote(p, 0, len);
                case PAYLOAD_LEN -> Long.toString(len + p.anno(PcapFormat.EXTRA_LENGTH));
                case PAYLOAD_MD5, PAYLOAD_MD5_HEX -> md5(p, 0, len, this == PAYLOAD_MD5_HEX);
                default -> null;
            };
        }
        int hl = (p.u8(nh) & 0xF) << 2;
        int proto = p.u8(nh + 9);
        int frag = p.u16(nh + 6);
        boolean firstFrag = (frag & 0x1FFF) == 0;
        int th = nh + hl;
        int ipLen = p.u16(nh + 2);
        switch (this) {
            case IP_PROTO:
                return proto == 6 ? "T" : proto == 17 ? "U" : proto == 1 ? "I" : Integer.toString(proto);
            case IP_SRC:
                return IPPrefix.addressToString(p.u32(nh + 12));
            case IP_DST:
                return IPPrefix.addressToString(p.u32(nh + 16));
            case IP_LEN:
                return Integer.toString(ipLen);
            case IP_HL:
                return Integer.toString(hl);
            case IP_ID:
                return Integer.toString(p.u16(nh + 4));
            case IP_TOS:
                return Integer.toString(p.u8(nh + 1));
            case IP_DSCP:
                return Integer.toString(p.u8(nh + 1) >> 2);
            case IP_ECN:
                return new String[]{"no", "ect1", "ect2", "ce"}[p.u8(nh + 1) & 3];
            case IP_TTL:
                return Integer.toString(p.u8(nh + 8));
            case IP_SUM:
                return Integer.toString(p.u16(nh + 10));
            case IP_FRAG:
                return (frag & 0x1FFF) != 0 ? "f" : (frag & 0x2000) != 0 ? "F" : (frag & 0x4000) != 0 ? "!" : ".";
            case IP_FRAGOFF:
                return ((frag & 0x1FFF) << 3) + ((frag & 0x2000) != 0 ? "+" : "") + ((frag & 0x4000) != 0 ? "!" : "");
            case IP_OPT:
                return hl > 20 && nh + hl <= len ? IPSummaryOptions.writeIp(p, nh + 20, hl - 20) : hl > 20 ? null : ".";
            case IP_CAPTURE_LEN:
                return Integer.toString(Math.min(ipLen, len - nh));
            case PAYLOAD, PAYLOAD_LEN, PAYLOAD_MD5, PAYLOAD_MD5_HEX: {
                int off = th;
                if (firstFrag) {
                    if (proto == 6) {
                        off += len >= th + 13 && (p.u8(th + 12) >> 4) >= 5 ? (p.u8(th + 12) >> 4) << 2 : 20;
                    } else if (proto == 17) {
                        off += 8;
                    }
                }
                int plen = ipLen - (off - nh);
                if (this == PAYLOAD_LEN) {
                    return Integer.toString(Math.max(plen, 0));
                }
                if (plen > 0 && off >= len) {
                    return null;
                }
                int have = Math.max(0, Math.min(plen, len - off));
                return this == PAYLOAD ? quote(p, off, have) : md5(p, off, have, this == PAYLOAD_MD5_HEX);
            }
            default:
                break;
        }
        if (!firstFrag) {
            return null;
        }
        boolean tcp = proto == 6;
        boolean udp = proto == 17;
        boolean icmp = proto == 1;
        switch (this) {
            case SPORT:
                return (tcp || udp) && th + 2 <= len ? Integer.toString(p.u16(th)) : null;
            case DPORT:
                return (tcp || udp) && th + 4 <= len ? Integer.toString(p.u16(th + 2)) : null;
            case TCP_SEQ:
                return tcp && th + 8 <= len ? Long.toString(p.u32(th + 4) & 0xFFFF_FFFFL) : null;
            case TCP_ACK:
                return tcp && th + 12 <= len ? Long.toString(p.u32(th + 8) & 0xFFFF_FFFFL) : null;
            case TCP_OFF:
                return tcp && th + 13 <= len ? Integer.toString((p.u8(th + 12) >> 4) << 2) : null;
            case TCP_FLAGS:
                return tcp && th + 14 <= len ? tcpFlags(p.u8(th + 13) | (p.u8(th + 12) & 1) << 8) : null;
            case TCP_WINDOW:
                return tcp && th + 16 <= len ? Integer.toString(p.u16(th + 14)) : null;
            case TCP_URP:
                return tcp && th + 20 <= len ? Integer.toString(p.u16(th + 18)) : null;
            case TCP_OPT, TCP_NTOPT, TCP_SACK: {
                if (!tcp || th + 13 > len) {
                    return null;
                }
                int off = (p.u8(th + 12) >> 4) << 2;
                if (off <= 20) {
                    return off == 20 && th + 20 <= len ? "." : null;
                }
                if (th + off > len) {
                    return null;
                }
                return IPSummaryOptions.writeTcp(p, th + 20, off - 20, this == TCP_NTOPT, this == TCP_SACK);
            }
            case UDP_LEN:
                return udp && th + 6 <= len ? Integer.toString(p.u16(th + 4)) : null;
            case ICMP_TYPE:
                return icmp && th + 1 <= len ? Integer.toString(p.u8(th)) : null;
            case ICMP_CODE:
                return icmp && th + 2 <= len ? Integer.toString(p.u8(th + 1)) : null;
            case ICMP_TYPE_NAME:
                return icmp && th + 1 <= len ? icmpTypeName(p.u8(th)) : null;
            case ICMP_CODE_NAME:
                return icmp && th + 2 <= len ? Integer.toString(p.u8(th + 1)) : null;
            case ICMP_FLOWID:
                return icmp && th + 6 <= len && hasIcmpId(p.u8(th)) ? Integer.toString(p.u16(th + 4)) : null;
            case ICMP_SEQ:
                return icmp && th + 8 <= len && hasIcmpId(p.u8(th)) ? Integer.toString(p.u16(th + 6)) : null;
            default:
                return null;
        }
    }

    /** The IP header's offset, or -1 if {@code p} has no complete IPv4 header. */
    private static int ipHeader(Packet p) {
        if (!p.hasNetworkHeader()) {
            return -1;
        }
        int nh = p.networkHeaderOffset();
        if (nh < 0 || nh + 20 > p.length() || (p.u8(nh) >> 4) != 4) {
            return -1;
        }
        return nh;
    }

    private static boolean hasIcmpId(int type) {
        return type == 0 || type == 8 || type == 13 || type == 14 || type == 15 || type == 16 || type == 17
                || type == 18;
    }

    static String timestamp(long nanos) {
        if (nanos < 0) {
            return "-" + timestamp(-nanos); // Click's form: -0.900000, not -1.100000
        }
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long usec = Math.floorMod(nanos, 1_000_000_000L) / 1000;
        return sec + "." + String.format("%06d", usec);
    }

    private static final String TCP_FLAG_CHARS = "FSRPAUECN";

    static String tcpFlags(int flags) {
        if (flags == 0) {
            return ".";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(TCP_FLAG_CHARS.charAt(i));
            }
        }
        return sb.toString();
    }

    private static final String[] ICMP_TYPE_NAMES = {"echo-reply", null, null, "unreachable", "sourcequench",
        "redirect", null, null, "echo", "routeradvert", "routersolicit", "timeexceeded", "parameterproblem",
        "timestamp", "timestamp-reply", "inforeq", "inforeq-reply", "maskreq", "maskreq-reply"};

    static String icmpTypeName(int type) {
        return type < ICMP_TYPE_NAMES.length && ICMP_TYPE_NAMES[type] != null ? ICMP_TYPE_NAMES[type]
                : Integer.toString(type);
    }

    static int icmpType(String text) {
        for (int i = 0; i < ICMP_TYPE_NAMES.length; i++) {
            if (text.equals(ICMP_TYPE_NAMES[i])) {
                return i;
            }
        }
        return switch (text) {
            case "echo_reply" -> 0;
            case "timestamp_reply" -> 14;
            default -> -1;
        };
    }

    /** Click's C-style quoting of payload bytes: {@code "hi\n"}, octal escapes for the rest. */
    private static String quote(Packet p, int off, int n) {
        StringBuilder sb = new StringBuilder(n + 2).append('"');
        for (int i = 0; i < n; i++) {
            int c = p.u8(off + i);
            switch (c) {
                case '\\', '"', '$' -> sb.append('\\').append((char) c);
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 32 || c >= 127) {
                        sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static final String MD5_TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@";

    private static String md5(Packet p, int off, int n, boolean hex) {
        byte[] data = new byte[n];
        p.copyOut(off, data, 0, n);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        if (hex) {
            for (byte b : digest) {
                sb.append(String.format("%02x", b & 0xFF));
            }
            return sb.toString();
        }
        // 6 bits at a time, least significant bits of each byte first (Click's md5_finish_text)
        int bits = 0;
        int acc = 0;
        for (byte b : digest) {
            acc |= (b & 0xFF) << bits;
            bits += 8;
            while (bits >= 6) {
                sb.append(MD5_TEXT.charAt(acc & 63));
                acc >>>= 6;
                bits -= 6;
            }
        }
        if (bits > 0) {
            sb.append(MD5_TEXT.charAt(acc & 63));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ reading

    /** Reads {@code text} (not a dash) into {@code d}; false if it is not a valid value of this field. */
    boolean read(String text, IPSummarySketch d) {
        try {
            boolean ok = parse(text, d);
            d.any |= ok;
            return ok;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private boolean parse(String t, IPSummarySketch d) {
        switch (this) {
            case TIMESTAMP -> d.timestamp = parseTimestamp(t);
            case FIRST_TIMESTAMP -> d.firstTimestamp = parseTimestamp(t);
            case TS_SEC -> d.timestamp = Long.parseLong(t) * 1_000_000_000L + Math.max(d.timestamp, 0) % 1_000_000_000L;
            case TS_USEC -> d.timestamp = Math.max(d.timestamp, 0) / 1_000_000_000L * 1_000_000_000L + Long.parseLong(t) * 1000;
            case TS_USEC1 -> d.timestamp = Long.parseLong(t) * 1000;
            case COUNT -> d.count = Integer.parseInt(t);
            case DIRECTION -> d.paint = switch (t) {
                case ">", "L", "l" -> 0;
                case "<", "R", "r", "X", "x" -> 1;
                default -> Integer.parseInt(t);
            };
            case LINK -> d.paint = Integer.parseInt(t);
            case AGGREGATE -> d.aggregate = (int) Long.parseLong(t);
            case WIRE_LEN, THREAD, IP_CAPTURE_LEN, PAYLOAD_MD5, PAYLOAD_MD5_HEX, ICMP_CODE_NAME, TCP_OFF -> {
                return false;
            }
            case IP_PROTO -> {
                d.ip = true;
                d.proto = switch (t) {
                    case "T", "tcp" -> 6;
                    case "U", "udp" -> 17;
                    case "I", "icmp" -> 1;
                    default -> Integer.parseInt(t);
                };
                return d.proto >= 0 && d.proto < 256;
            }
            case IP_SRC -> {
                d.ip = true;
                d.src = parseAddress(t);
            }
            case IP_DST -> {
                d.ip = true;
                d.dst = parseAddress(t);
            }
            case IP_LEN -> {
                d.ip = true;
                d.ipLen = Integer.parseInt(t);
            }
            case IP_HL -> d.ip = true;
            case IP_ID -> {
                d.ip = true;
                d.id = Integer.parseInt(t);
            }
            case IP_TOS -> {
                d.ip = true;
                d.tos = Integer.parseInt(t);
            }
            case IP_DSCP -> {
                d.ip = true;
                d.tos = (d.tos & 3) | Integer.parseInt(t) << 2;
            }
            case IP_ECN -> {
                d.ip = true;
                int ecn = switch (t) {
                    case "no", "-" -> 0;
                    case "ect1", "ECT1" -> 1;
                    case "ect2", "ECT2", "ect", "ECT" -> 2;
                    case "ce", "CE" -> 3;
                    default -> Integer.parseInt(t);
                };
                d.tos = (d.tos & ~3) | (ecn & 3);
            }
            case IP_TTL -> {
                d.ip = true;
                d.ttl = Integer.parseInt(t);
            }
            case IP_SUM -> {
                d.ip = true;
                d.ipSum = Integer.parseInt(t);
            }
            case IP_FRAG -> {
                d.ip = true;
                switch (t) {
                    case "F" -> d.fragWord = 0x2000;
                    case "f" -> d.fragWord = 100;
                    case "!" -> d.fragWord = 0x4000;
                    case "." -> d.fragWord = 0;
                    default -> {
                        return false;
                    }
                }
            }
            case IP_FRAGOFF -> {
                d.ip = true;
                int end = t.length();
                int w = 0;
                while (end > 0 && (t.charAt(end - 1) == '+' || t.charAt(end - 1) == '!')) {
                    w |= t.charAt(end - 1) == '+' ? 0x2000 : 0x4000;
                    end--;
                }
                int off = Integer.parseInt(t.substring(0, end));
                if ((off & 7) != 0) {
                    return false;
                }
                d.fragWord = w | (off >> 3);
            }
            case IP_OPT -> {
                d.ip = true;
                byte[] o = IPSummaryOptions.readIp(t);
                if (o == null) {
                    return false;
                }
                d.ipOptions = o.length == 0 ? null : o;
            }
            case SPORT -> {
                d.ip = true;
                d.sport = Integer.parseInt(t);
            }
            case DPORT -> {
                d.ip = true;
                d.dport = Integer.parseInt(t);
            }
            case TCP_SEQ -> {
                d.ip = true;
                d.seq = Long.parseLong(t);
            }
            case TCP_ACK -> {
                d.ip = true;
                d.ack = Long.parseLong(t);
            }
            case TCP_FLAGS -> {
                d.ip = true;
                d.tcpFlags = parseTcpFlags(t);
                return d.tcpFlags >= 0;
            }
            case TCP_WINDOW -> {
                d.ip = true;
                d.window = Integer.parseInt(t);
            }
            case TCP_URP -> {
                d.ip = true;
                d.urp = Integer.parseInt(t);
            }
            case TCP_OPT, TCP_NTOPT, TCP_SACK -> {
                d.ip = true;
                byte[] o = IPSummaryOptions.readTcp(t);
                if (o == null) {
                    return false;
                }
                d.tcpOptions = o.length == 0 ? null : o;
            }
            case UDP_LEN -> {
                d.ip = true;
                d.udpLen = Integer.parseInt(t);
            }
            case ICMP_TYPE, ICMP_TYPE_NAME -> {
                d.ip = true;
                int type = icmpType(t);
                d.icmpType = type >= 0 ? type : Integer.parseInt(t);
            }
            case ICMP_CODE -> {
                d.ip = true;
                d.icmpCode = Integer.parseInt(t);
            }
            case ICMP_FLOWID -> {
                d.ip = true;
                d.icmpId = Integer.parseInt(t);
            }
            case ICMP_SEQ -> {
                d.ip = true;
                d.icmpSeq = Integer.parseInt(t);
            }
            case PAYLOAD -> {
                byte[] b = unquote(t);
                if (b == null) {
                    return false;
                }
                d.payload = b;
            }
            case PAYLOAD_LEN -> d.payloadLen = Integer.parseInt(t);
        }
        return true;
    }

    static int parseAddress(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new NumberFormatException(t);
        }
        int a = 0;
        for (String part : parts) {
            int v = Integer.parseInt(part);
            if (v < 0 || v > 255) {
                throw new NumberFormatException(t);
            }
            a = a << 8 | v;
        }
        return a;
    }

    static long parseTimestamp(String t) {
        int dot = t.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(t) * 1_000_000_000L;
        }
        long sec = dot == 0 ? 0 : Long.parseLong(t.substring(0, dot));
        String frac = (t.substring(dot + 1) + "000000000").substring(0, 9);
        return sec * 1_000_000_000L + Long.parseLong(frac);
    }

    static int parseTcpFlags(String t) {
        if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
            return Integer.parseInt(t);
        }
        if (t.equals(".")) {
            return 0;
        }
        int flags = 0;
        for (char c : t.toCharArray()) {
            int i = TCP_FLAG_CHARS.indexOf(c);
            if (i < 0) {
                i = switch (c) {
                    case 'W', 'Y' -> 7;
                    case 'X' -> 6;
                    default -> -1;
                };
            }
            if (i < 0) {
                return -1;
            }
            flags |= 1 << i;
        }
        return flags;
    }

    /** A double-quoted string with C escapes, as bytes; null if it is not one. */
    static byte[] unquote(String t) {
        if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
            return t.getBytes(StandardCharsets.ISO_8859_1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c != '\\' || i + 1 >= t.length() - 1) {
                out.write(c);
                continue;
            }
            char e = t.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 3 && i < t.length() - 1 && t.charAt(i) >= '0' && t.charAt(i) <= '7') {
                        v = v * 8 + (t.charAt(i) - '0');
                        i++;
                        k++;
                    }
                    i--;
                    out.write(v & 0xFF);
                }
                case 'x' -> {
                    int v = 0;
                    while (i + 1 < t.length() - 1 && Character.digit(t.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(t.charAt(++i), 16);
                    }
                    out.write(v & 0xFF);
                }
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }
}
