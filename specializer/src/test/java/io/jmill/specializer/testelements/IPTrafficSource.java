package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Test source of crafted Ethernet traffic, deterministic in the packet number: IPv4 TCP, UDP and
 * ICMP to a spread of destinations (some routed, some filtered, some matching no route), every
 * eleventh frame ARP, every thirteenth IP header with a bad checksum, some with TTL 1. Emits
 * LIMIT frames, only while {@code active} (keyword ACTIVE).
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class IPTrafficSource extends Element implements Task, TrafficSource {
    /** Destinations: 10.1/16, 10.2.0/24, 10.9/16, 192.168.1.1, 172.16.0.1, 10.1.200.9, 11.0.0.1, 10.2.0.200. */
    private static final int[] DESTINATIONS = {0x0A010203, 0x0A020005, 0x0A090101, 0xC0A80101, 0xAC100001,
            0x0A01C809, 0x0B000001, 0x0A0200C8};
    private static final int[] PORTS = {22, 80, 53, 443, 8080, 7};

    private final long limit;
    private final int burst;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        long sent;
        long bytes;
    }

    public IPTrafficSource(ElementConfig c) {
        super(c);
        limit = c.args().keyword("LIMIT").longValue(-1);
        burst = c.args().keyword("BURST").integer(c.batch(), 1, 4096);
        state.active = c.args().keyword("ACTIVE").bool(true);
    }

    /** Frame number {@code n}. */
    public static byte[] frame(int n) {
        if (n % 11 == 10) {
            byte[] arp = new byte[60];
            header(arp, 0x0806);
            arp[14] = 0;
            arp[15] = 1;
            arp[16] = 8;
            arp[21] = (byte) (1 + n % 2); // request or reply
            return arp;
        }
        int proto = switch (n % 3) {
            case 0 -> 6;
            case 1 -> 17;
            default -> 1;
        };
        int l4 = proto == 6 ? 20 : 8;
        int payload = 6 + n % 17;
        byte[] f = new byte[Math.max(60, 14 + 20 + l4 + payload)];
        header(f, 0x0800);
        int ip = 14;
        int total = 20 + l4 + payload;
        f[ip] = 0x45;
        f[ip + 1] = (byte) (n % 4 << 2);
        put16(f, ip + 2, total);
        put16(f, ip + 4, n);
        f[ip + 8] = (byte) (n % 29 == 5 ? 1 : 64);
        f[ip + 9] = (byte) proto;
        put32(f, ip + 12, 0x0A000002 + n % 5);
        put32(f, ip + 16, DESTINATIONS[n % DESTINATIONS.length] + (n / DESTINATIONS.length) % 3);
        int sum = checksum(f, ip, 20);
        put16(f, ip + 10, n % 13 == 0 ? sum ^ 0x5a5a : sum);
        int t = ip + 20;
        if (proto == 1) {
            f[t] = (byte) (n % 2 == 0 ? 8 : 0);
        } else {
            put16(f, t, 1000 + n % 50);
            put16(f, t + 2, PORTS[n % PORTS.length]);
            if (proto == 6) {
                f[t + 12] = 0x50;
                f[t + 13] = (byte) (n % 5 == 0 ? 0x02 : 0x10);
            } else {
                put16(f, t + 4, l4 + payload);
            }
        }
        for (int i = t + l4; i < 14 + total; i++) {
            f[i] = (byte) (n * 7 + i);
        }
        return f;
    }

    private static void header(byte[] f, int type) {
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (0x02 + (i == 5 ? 2 : 0));
            f[6 + i] = (byte) (0x02 + (i == 5 ? 1 : 0));
        }
        put16(f, 12, type);
    }

    private static int checksum(byte[] f, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += (f[off + i] & 0xff) << 8 | (f[off + i + 1] & 0xff);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static void put16(byte[] f, int off, int v) {
        f[off] = (byte) (v >>> 8);
        f[off + 1] = (byte) v;
    }

    private static void put32(byte[] f, int off, int v) {
        put16(f, off, v >>> 16);
        put16(f, off + 2, v);
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        int n = 0;
        while (n < burst && (limit < 0 || s.sent < limit)) {
            Packet p = PacketPool.alloc();
            if (p == null) {
                break;
            }
            byte[] f = frame((int) s.sent);
            p.setData(f);
            s.sent++;
            s.bytes += f.length;
            n++;
            output(0, p);
        }
        if (limit >= 0 && s.sent >= limit && n == 0) {
            return DONE;
        }
        return n;
    }

    @Override
    public long packetsOut() {
        return state.sent;
    }

    @Override
    public long bytesOut() {
        return state.bytes;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.sent);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = Boolean.parseBoolean(v.strip()));
    }
}
