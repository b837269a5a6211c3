package io.jmill.specializer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.Arrays;
import java.util.List;

/**
 * Generators of hostile Ethernet frames: well-formed IPv4 TCP, UDP and ICMP frames (with IP
 * options of every kind, well-formed or not, fragments, VLAN tags), ARP, IPv6 and other
 * EtherTypes, random bytes, each then mutated zero or more times: truncated at any length,
 * header lengths and total lengths that lie, checksums zeroed, set to 0xffff or made right again
 * after the damage (so that the frame gets past CheckIPHeader), transport headers cut short,
 * bytes overwritten. Frames shrink towards short lists of simple frames with few mutations.
 */
public final class HostileFrames {
    private static final int ETH = 14;
    /** Destinations the test graphs route, filter, rewrite and answer ARP for, and some they do not. */
    private static final int[] ADDRESSES = {0x0A010203, 0x0A020005, 0x0A090101, 0xC0A80101, 0xAC100001,
            0x0A000009, 0x01000001, 0xFFFFFFFF, 0xE0000001, 0x00000000, 0x7F000001};

    private HostileFrames() {
    }

    /** Lists of 1 to {@code max} frames, their sizes spread evenly (jqwik's lists favour short ones). */
    public static Arbitrary<List<byte[]>> frameLists(int max) {
        return Arbitraries.integers().between(1, max).flatMap(n -> frames().list().ofSize(n));
    }

    /** One frame: a base frame and its mutations. */
    public static Arbitrary<byte[]> frames() {
        return Combinators.combine(base(), mutation().list().ofMaxSize(4)).as((f, ms) -> {
            byte[] out = f;
            for (Mutation m : ms) {
                out = m.apply(out);
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ base frames

    static Arbitrary<byte[]> base() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, ipv4()),
                net.jqwik.api.Tuple.of(2, vlan(ipv4())),
                net.jqwik.api.Tuple.of(1, arp()),
                net.jqwik.api.Tuple.of(1, ethernet(Arbitraries.of(0x86DD, 0x0000, 0x88CC, 0x8100, 0xFFFF))),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(80)));
    }

    private static Arbitrary<byte[]> ipv4() {
        Arbitrary<Integer> proto = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, 6), net.jqwik.api.Tuple.of(3, 17), net.jqwik.api.Tuple.of(3, 1),
                net.jqwik.api.Tuple.of(1, 0), net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(1, 47),
                net.jqwik.api.Tuple.of(1, 255));
        Arbitrary<Integer> address = Arbitraries.oneOf(Arbitraries.of(Arrays.stream(ADDRESSES).boxed().toList()),
                Arbitraries.integers());
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.of(0, 7, 22, 53, 80, 443, 1024, 65535),
                Arbitraries.integers().between(0, 65535));
        Arbitrary<Integer> fragment = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 0x4000), net.jqwik.api.Tuple.of(2, 0),
                net.jqwik.api.Tuple.of(1, 0x2000), net.jqwik.api.Tuple.of(1, 0x2000 | 185),
                net.jqwik.api.Tuple.of(1, 185), net.jqwik.api.Tuple.of(1, 0x1FFF), net.jqwik.api.Tuple.of(1, 0x8000));
        Arbitrary<Integer> ttl = Arbitraries.of(64, 1, 0, 255, 2);
        Arbitrary<Integer> icmpType = Arbitraries.of(8, 0, 3, 11, 12, 5, 13, 17, 255);
        Arbitrary<Integer> tcpFlags = Arbitraries.of(0x02, 0x10, 0x12, 0x11, 0x04, 0x18, 0x00, 0xFF);
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Combinators.combine(proto, address, address, port, port, options(), fragment, ttl)
                .flatAs((pr, src, dst, sp, dp, opts, frag, t) -> Combinators.combine(icmpType, tcpFlags, payload)
                        .as((it, fl, pay) -> ipv4Frame(pr, src, dst, sp, dp, opts, frag, t, it, fl, pay)));
    }

    static byte[] ipv4Frame(int proto, int src, int dst, int sport, int dport, byte[] options, int fragment,
                            int ttl, int icmpType, int tcpFlags, byte[] payload) {
        int ihl = 20 + options.length;
        int l4 = switch (proto) {
            case 6 -> 20;
            case 17, 1 -> 8;
            default -> 0;
        };
        int total = ihl + l4 + payload.length;
        byte[] f = new byte[Math.max(60, ETH + total)];
        ethernetHeader(f, 0x0800);
        int ip = ETH;
        f[ip] = (byte) (0x40 | ihl / 4);
        put16(f, ip + 2, total);
        put16(f, ip + 4, payload.length * 31 + proto);
        put16(f, ip + 6, fragment);
        f[ip + 8] = (byte) ttl;
        f[ip + 9] = (byte) proto;
        put32(f, ip + 12, src);
        put32(f, ip + 16, dst);
        System.arraycopy(options, 0, f, ip + 20, options.length);
        put16(f, ip + 10, FrameChecksums.ip(f, ip, ihl));
        int t = ip + ihl;
        switch (proto) {
            case 6 -> {
                put16(f, t, sport);
                put16(f, t + 2, dport);
                put32(f, t + 4, sport * 7919);
                f[t + 12] = 0x50;
                f[t + 13] = (byte) tcpFlags;
                put16(f, t + 14, 8192);
            }
            case 17 -> {
                put16(f, t, sport);
                put16(f, t + 2, dport);
                put16(f, t + 4, 8 + payload.length);
            }
            case 1 -> {
                f[t] = (byte) icmpType;
                put16(f, t + 4, sport);
            }
            default -> {
            }
        }
        System.arraycopy(payload, 0, f, t + l4, payload.length);
        if (proto == 6 || proto == 17) {
            put16(f, t + (proto == 6 ? 16 : 6), FrameChecksums.transport(f, ip, ihl, total));
        } else if (proto == 1) {
            put16(f, t + 2, FrameChecksums.fold(f, t, total - ihl));
        }
        return f;
    }

    /** IP options: 0 to 40 bytes of well-formed and malformed options, padded to a multiple of 4. */
    static Arbitrary<byte[]> options() {
        Arbitrary<byte[]> one = Arbitraries.oneOf(
                Arbitraries.just(new byte[]{0}),                       // end of list
                Arbitraries.just(new byte[]{1}),                       // no-op
                route(7), route(131), route(137),                      // record route, LSRR, SSRR
                timestamp(),
                Arbitraries.just(new byte[]{(byte) 148, 4, 0, 0}),     // router alert
                Arbitraries.integers().between(0, 255).flatMap(type -> Arbitraries.integers().between(0, 12)
                        .map(len -> option(type, len, len))),          // any type, any length byte
                Arbitraries.integers().between(0, 255).map(type -> new byte[]{(byte) (int) type})); // a lone type byte
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(2, one.list().ofMaxSize(5).map(HostileFrames::pad)));
    }

    /** Record route or source route: length 3 + 4k, or lying; pointer anywhere. */
    private static Arbitrary<byte[]> route(int type) {
        return Combinators.combine(Arbitraries.of(3, 7, 11, 39, 0, 1, 2, 5, 40, 255), Arbitraries.of(4, 8, 12, 0, 3, 255))
                .as((len, ptr) -> {
                    byte[] o = option(type, len, Math.min(Math.max(len, 2), 40));
                    if (o.length > 2) {
                        o[2] = (byte) (int) ptr;
                    }
                    for (int i = 3; i < o.length; i++) {
                        o[i] = (byte) (0x0A + i);
                    }
                    return o;
                });
    }

    /** Timestamp option: flags 0, 1, 3 or invalid, overflow counter, length and pointer right or not. */
    private static Arbitrary<byte[]> timestamp() {
        return Combinators.combine(Arbitraries.of(4, 8, 12, 20, 36, 40, 0, 2, 3, 255), Arbitraries.of(5, 9, 13, 1, 0, 255),
                        Arbitraries.of(0, 1, 3, 2, 15), Arbitraries.of(0, 15, 3))
                .as((len, ptr, flags, overflow) -> {
                    byte[] o = option(68, len, Math.min(Math.max(len, 4), 40));
                    o[2] = (byte) (int) ptr;
                    o[3] = (byte) (overflow << 4 | flags);
                    return o;
                });
    }

    /** An option of {@code type} whose length byte says {@code lengthByte}, holding {@code size} bytes. */
    private static byte[] option(int type, int lengthByte, int size) {
        byte[] o = new byte[Math.max(size, 2)];
        o[0] = (byte) type;
        o[1] = (byte) lengthByte;
        return o;
    }

    private static byte[] pad(List<byte[]> options) {
        int n = 0;
        for (byte[] o : options) {
            n += o.length;
        }
        byte[] out = new byte[Math.min(40, (n + 3) & ~3)];
        int at = 0;
        for (byte[] o : options) {
            int k = Math.min(o.length, out.length - at);
            System.arraycopy(o, 0, out, at, k);
            at += k;
        }
        return out;
    }

    private static Arbitrary<byte[]> vlan(Arbitrary<byte[]> inner) {
        return Combinators.combine(inner, Arbitraries.integers().between(0, 0xFFFF), Arbitraries.of(0x8100, 0x88A8))
                .as((f, tci, tpid) -> {
                    byte[] out = new byte[f.length + 4];
                    System.arraycopy(f, 0, out, 0, 12);
                    put16(out, 12, tpid);
                    put16(out, 14, tci);
                    System.arraycopy(f, 12, out, 16, f.length - 12);
                    return out;
                });
    }

    private static Arbitrary<byte[]> arp() {
        return Combinators.combine(Arbitraries.of(1, 2, 0, 3), Arbitraries.of(Arrays.stream(ADDRESSES).boxed().toList()),
                        Arbitraries.of(6, 0, 255), Arbitraries.of(4, 0, 16))
                .as((op, target, hlen, plen) -> {
                    byte[] f = new byte[60];
                    ethernetHeader(f, 0x0806);
                    f[14] = 0;
                    f[15] = 1;
                    f[16] = 8;
                    f[18] = (byte) (int) hlen;
                    f[19] = (byte) (int) plen;
                    put16(f, 20, op);
                    f[22] = 2;
                    f[27] = 9;
                    put32(f, 28, 0x0A000009);
                    put32(f, 38, target);
                    return f;
                });
    }

    private static Arbitrary<byte[]> ethernet(Arbitrary<Integer> type) {
        return Combinators.combine(type, Arbitraries.bytes().array(byte[].class).ofMaxSize(60)).as((t, body) -> {
            byte[] f = new byte[ETH + body.length];
            ethernetHeader(f, t);
            System.arraycopy(body, 0, f, ETH, body.length);
            return f;
        });
    }

    private static void ethernetHeader(byte[] f, int type) {
        byte[] dst = {0x02, 0, 0, 0, 0, 0x01};
        byte[] src = {0x02, 0, 0, 0, 0, 0x09};
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        put16(f, 12, type);
    }

    // ------------------------------------------------------------------ mutations

    /** One change to a frame. */
    public interface Mutation {
        byte[] apply(byte[] frame);
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> any16 = Arbitraries.oneOf(Arbitraries.of(0, 1, 19, 20, 21, 0xFFFF, 0x7FFF),
                Arbitraries.integers().between(0, 0xFFFF));
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 120).map(HostileFrames::truncate),
                Arbitraries.integers().between(0, 15).map(v -> (Mutation) f -> ipByte(f, 0, 0x40 | v)),
                Arbitraries.integers().between(0, 255).map(v -> (Mutation) f -> ipByte(f, 0, v)),
                any16.map(v -> (Mutation) f -> ip16(f, 2, v)),
                Arbitraries.of(0, 0xFFFF).map(v -> (Mutation) f -> ip16(f, 10, v)),
                Arbitraries.just((Mutation) HostileFrames::fixIPChecksum),
                Arbitraries.of(0x2000, 0x2001, 0x0001, 0x1FFF, 0x3FFF).map(v -> (Mutation) f -> ip16(f, 6, v)),
                Arbitraries.integers().between(0, 15).map(v -> (Mutation) f -> transportByte(f, 12, v << 4)),
                any16.map(v -> (Mutation) f -> transport16(f, 4, v)),
                Arbitraries.of(0, 0xFFFF).map(v -> (Mutation) f -> transport16(f, 16, v)),
                Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 255))
                        .as((at, v) -> (Mutation) f -> setByte(f, at, v)),
                // up to the end of the packet buffer, the IP total length then made to match (or not)
                Combinators.combine(Arbitraries.of(1500, 1514, 2000, 2040, 2046, 2047, 2048), Arbitraries.of(true, false))
                        .as((size, fit) -> (Mutation) f -> grow(f, size, fit)));
    }

    /** {@code f} padded to {@code size} bytes; with {@code fit}, its IP total length and checksum made to match. */
    private static byte[] grow(byte[] f, int size, boolean fit) {
        byte[] out = Arrays.copyOf(f, Math.max(size, f.length));
        for (int i = f.length; i < out.length; i++) {
            out[i] = (byte) (i * 13);
        }
        return fit && out.length > ETH + 20 ? fixIPChecksum(ip16(out, 2, out.length - ETH)) : out;
    }

    private static Mutation truncate(int length) {
        return f -> Arrays.copyOf(f, Math.min(length, f.length));
    }

    private static byte[] setByte(byte[] f, int at, int v) {
        if (at >= f.length) {
            return f;
        }
        byte[] out = f.clone();
        out[at] = (byte) v;
        return out;
    }

    private static byte[] ipByte(byte[] f, int at, int v) {
        return setByte(f, ETH + at, v);
    }

    private static byte[] ip16(byte[] f, int at, int v) {
        return setByte(setByte(f, ETH + at, v >>> 8), ETH + at + 1, v);
    }

    private static int transport(byte[] f) {
        return f.length > ETH ? ETH + (f[ETH] & 15) * 4 : f.length;
    }

    private static byte[] transportByte(byte[] f, int at, int v) {
        return setByte(f, transport(f) + at, v);
    }

    private static byte[] transport16(byte[] f, int at, int v) {
        int t = transport(f);
        return setByte(setByte(f, t + at, v >>> 8), t + at + 1, v);
    }

    /** Makes the IP header checksum right for the header as it now is (if the frame holds it). */
    static byte[] fixIPChecksum(byte[] f) {
        int ihl = f.length > ETH ? (f[ETH] & 15) * 4 : 0;
        if (ihl < 20 || f.length < ETH + ihl) {
            return f;
        }
        byte[] out = f.clone();
        put16(out, ETH + 10, 0);
        put16(out, ETH + 10, FrameChecksums.ip(out, ETH, ihl));
        return out;
    }

    static void put16(byte[] f, int off, int v) {
        f[off] = (byte) (v >>> 8);
        f[off + 1] = (byte) v;
    }

    static void put32(byte[] f, int off, int v) {
        put16(f, off, v >>> 16);
        put16(f, off + 2, v);
    }
}
