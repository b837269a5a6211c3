package io.jmill.elements.file;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.pcap.PcapFormat;
import io.jmill.layout.Packet;

import java.io.ByteArrayOutputStream;

/**
 * The packet one IP summary dump line describes, field by field, before it becomes a packet: the
 * header values the line sets (the rest take FromIPSummaryDump's defaults: IPv4, TTL 100, the
 * default protocol, zero) and the annotations. {@link #build} lays it out as Click does: an IP
 * header once any IP field is given, a transport header for TCP, UDP and ICMP first fragments, then
 * the payload; a packet shorter than its IP length carries the difference as extra length.
 */
final class IPSummarySketch {
    static final int NONE = -1;

    boolean ip;
    int src;
    int dst;
    int proto = NONE;
    int tos;
    int ttl = 100;
    int id;
    /** Flags and fragment offset word (offset in 8-byte units). */
    int fragWord;
    int ipLen = NONE;
    int ipSum = NONE;
    byte[] ipOptions;

    int sport = NONE;
    int dport = NONE;
    long seq;
    long ack;
    int tcpFlags = NONE;
    int window;
    int urp;
    byte[] tcpOptions;
    int udpLen = NONE;
    int icmpType;
    int icmpCode;
    int icmpId;
    int icmpSeq;

    byte[] payload;
    int payloadLen = NONE;

    long timestamp = NONE;
    long firstTimestamp = NONE;
    int paint = NONE;
    int aggregate = NONE;
    int count = 1;
    /** At least one field of the line was understood. */
    boolean any;

    void reset() {
        ip = false;
        src = dst = 0;
        proto = NONE;
        tos = id = fragWord = 0;
        ttl = 100;
        ipLen = ipSum = NONE;
        ipOptions = tcpOptions = payload = null;
        sport = dport = tcpFlags = udpLen = payloadLen = NONE;
        seq = ack = 0;
        window = urp = icmpType = icmpCode = icmpId = icmpSeq = 0;
        timestamp = firstTimestamp = NONE;
        paint = aggregate = NONE;
        count = 1;
        any = false;
    }

    /**
     * Writes the described packet into {@code p} (empty, network header at 0).
     *
     * @param defaultProto protocol when the line gives none
     * @param flowid       the default flow (src, sport, dst, dport), or null
     * @param checksum     pad to the IP length and set the IP and transport checksums
     */
    void build(Packet p, int defaultProto, int[] flowid, boolean checksum) {
        if (flowid != null) {
            ip = true;
        }
        if (!ip) {
            byte[] data = payload != null ? payload : new byte[0];
            p.setData(data);
            finishAnnotations(p, payloadLen > data.length ? payloadLen - data.length : 0);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int protocol = proto >= 0 ? proto : defaultProto;
        int optLen = ipOptions == null ? 0 : (ipOptions.length + 3) & ~3;
        int hl = 20 + optLen;
        byte[] iph = new byte[hl];
        iph[0] = (byte) (0x40 | (hl >> 2));
        iph[1] = (byte) tos;
        put16(iph, 4, id);
        put16(iph, 6, fragWord);
        iph[8] = (byte) ttl;
        iph[9] = (byte) protocol;
        int s = src;
        int d = dst;
        if (flowid != null) {
            s = s != 0 ? s : flowid[0];
            d = d != 0 ? d : flowid[2];
        }
        put32(iph, 12, s);
        put32(iph, 16, d);
        if (ipOptions != null) {
            System.arraycopy(ipOptions, 0, iph, 20, ipOptions.length);
        }
        out.writeBytes(iph);
        boolean firstFrag = (fragWord & 0x1FFF) == 0;
        int thLen = 0;
        byte[] th = null;
        if (firstFrag) {
            switch (protocol) {
                case 6 -> {
                    int tol = tcpOptions == null ? 0 : (tcpOptions.length + 3) & ~3;
                    thLen = 20 + tol;
                    th = new byte[thLen];
                    put32(th, 4, (int) seq);
                    put32(th, 8, (int) ack);
                    th[12] = (byte) ((thLen >> 2) << 4 | (tcpFlags > 0xFF ? 1 : 0));
                    th[13] = (byte) (tcpFlags < 0 ? 0 : tcpFlags);
                    put16(th, 14, window);
                    put16(th, 18, urp);
                    if (tcpOptions != null) {
                        System.arraycopy(tcpOptions, 0, th, 20, tcpOptions.length);
                    }
                }
                case 17 -> {
                    thLen = 8;
                    th = new byte[8];
                    if (udpLen >= 0) {
                        put16(th, 4, udpLen);
                    }
                }
                case 1 -> {
                    thLen = 8;
                    th = new byte[8];
                    th[0] = (byte) icmpType;
                    th[1] = (byte) icmpCode;
                    put16(th, 4, icmpId);
                    put16(th, 6, icmpSeq);
                }
                default -> {
                }
            }
            if (th != null && (protocol == 6 || protocol == 17)) {
                int sp = sport >= 0 ? sport : flowid != null ? flowid[1] : 0;
                int dp = dport >= 0 ? dport : flowid != null ? flowid[3] : 0;
                put16(th, 0, sp);
                put16(th, 2, dp);
            }
        }
        int wantLen = ipLen >= 0 ? ipLen : NONE;
        if (wantLen < 0 && payloadLen >= 0) {
            wantLen = hl + thLen + payloadLen;
        }
        if (th != null) {
            int keep = wantLen >= 0 && wantLen < hl + thLen ? Math.max(0, wantLen - hl) : thLen;
            out.write(th, 0, keep);
        }
        if (payload != null) {
            out.writeBytes(payload);
            if (wantLen < 0) {
                wantLen = out.size();
            }
        }
        byte[] bytes = out.toByteArray();
        int len = wantLen >= 0 ? Math.min(wantLen, 0xFFFF) : bytes.length;
        put16(bytes, 2, len);
        if (protocol == 17 && firstFrag && udpLen < 0 && bytes.length >= hl + 6) {
            put16(bytes, hl + 4, len - hl);
        }
        if (checksum && len > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, len);
        }
        if (ipSum >= 0) {
            put16(bytes, 10, ipSum);
        }
        if (checksum) {
            setChecksums(bytes, hl, protocol, firstFrag);
        }
        p.setData(bytes);
        p.setNetworkHeader(0, hl);
        if (th != null && bytes.length > hl) {
            p.setTransportHeader(hl);
        } else if (bytes.length >= hl) {
            p.setTransportHeader(hl);
        }
        p.setDstIpAnno(get32(bytes, 16));
        finishAnnotations(p, len > bytes.length ? len - bytes.length : 0);
    }

    private void finishAnnotations(Packet p, int extra) {
        p.setAnno(PcapFormat.EXTRA_LENGTH, extra);
        if (timestamp >= 0) {
            p.setTimestampNanos(timestamp);
        }
        if (firstTimestamp >= 0) {
            p.setFirstTimestampNanos(firstTimestamp);
        }
        if (paint >= 0) {
            p.setPaint(paint);
        }
        if (aggregate >= 0) {
            p.setAggregate(aggregate);
        }
    }

    private static void setChecksums(byte[] b, int hl, int protocol, boolean firstFrag) {
        put16(b, 10, 0);
        put16(b, 10, Checksum.of(b, 0, hl));
        if (!firstFrag || (b[6] & 0x20) != 0) {
            return;
        }
        int tlen = b.length - hl;
        int at = switch (protocol) {
            case 6 -> 16;
            case 17 -> 6;
            case 1 -> 2;
            default -> -1;
        };
        if (at < 0 || tlen < at + 2) {
            return;
        }
        put16(b, hl + at, 0);
        long sum = Checksum.add(0, b, hl, tlen) & 0xFFFF_FFFFL;
        if (protocol != 1) {
            sum += Checksum.pseudoHeader(get32(b, 12), finalDestination(b, hl), protocol, tlen) & 0xFFFF_FFFFL;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int c = Checksum.finish((int) sum);
        if (protocol == 17 && c == 0) {
            c = 0xFFFF;
        }
        put16(b, hl + at, c);
    }

    /** The header's destination, or the last address of a loose or strict source route (RFC 1122). */
    private static int finalDestination(byte[] b, int hl) {
        int i = 20;
        while (i < hl) {
            int type = b[i] & 0xFF;
            if (type == 1) {
                i++;
                continue;
            }
            if (type == 0 || i + 1 >= hl) {
                break;
            }
            int len = b[i + 1] & 0xFF;
            if (len < 2 || i + len > hl) {
                break;
            }
            if ((type == 131 || type == 137) && len >= 7) {
                return get32(b, i + len - 4);
            }
            i += len;
        }
        return get32(b, 16);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int get32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
