package io.jmill.driver.sim;

import io.jmill.driver.net.Checksum;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jmill.layout.PacketMemory.ADDRESS;

/**
 * Generated traffic ({@link TrafficSpec}). Everything per-flow and per-size is computed once, at
 * open: one frame template per distinct size in a template area of its own (headers with zero
 * addresses and ports, payload, and the partial checksums of both), and per flow its addresses,
 * ports, the checksum contribution of those, its RSS hash and queue. Emitting a frame is then a
 * copy of the template plus five stores (addresses, ports, two checksums): no allocation, no
 * checksum loop. When a queue's frames fit in {@link #PRERENDER_LIMIT} they are all rendered at
 * open, and emitting is a copy: the "distinct packets replayed from memory" of a benchmark.
 */
final class FlowWire {
    static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    /**
     * A queue's frames (flows x distinct sizes) are rendered once, at open, when they fit in this
     * many bytes (4096 flows of 64 bytes take 256 KiB): emitting a frame is then a copy. Otherwise
     * each frame is rendered from its template as it is emitted (a copy plus five stores).
     */
    static final long PRERENDER_LIMIT = 4L << 20;

    final TrafficSpec spec;
    final int l3;               // IP header offset in the frame
    final int l4ChecksumOffset; // offset of the TCP/UDP checksum in the frame
    final boolean udp;
    final MemorySegment templates;
    final long[] templateOffset;  // per distinct size
    final int[] templateLength;
    final int[] templateIpSum;    // 16-bit folded partial sums, addresses excluded
    final int[] templateL4Sum;    // pseudo-header (protocol, length) + L4 header + payload, addresses and ports excluded
    final int[] sizeTemplate;     // size list position -> template
    final int[] src;
    final int[] dst;
    final int[] ports;            // sport << 16 | dport
    final int[] addrSum;
    final int[] portSum;
    final int[] rss;
    final int[][] queueFlows;
    final int cqeFlags;
    final int rssType;
    final int cast;
    final int vlanTci;

    FlowWire(TrafficSpec spec, int queues) {
        this.spec = spec;
        this.udp = spec.protocol() == TrafficSpec.Protocol.UDP;
        this.l3 = spec.ethernetLength();
        this.l4ChecksumOffset = l3 + 20 + (udp ? 6 : 16);
        this.vlanTci = spec.vlanTci();

        int[] sizes = spec.sizes();
        Map<Integer, Integer> distinct = new LinkedHashMap<>();
        sizeTemplate = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            sizeTemplate[i] = distinct.computeIfAbsent(sizes[i], s -> distinct.size());
        }
        int nt = distinct.size();
        templateOffset = new long[nt];
        templateLength = new int[nt];
        templateIpSum = new int[nt];
        templateL4Sum = new int[nt];
        long total = 0;
        for (int size : distinct.keySet()) {
            total += (size + 63) & ~63;
        }
        templates = Arena.ofAuto().allocate(total, 64);
        long at = 0;
        for (Map.Entry<Integer, Integer> e : distinct.entrySet()) {
            int size = e.getKey();
            int t = e.getValue();
            byte[] frame = template(size);
            MemorySegment.copy(frame, 0, templates, ValueLayout.JAVA_BYTE, at, size);
            templateOffset[t] = at;
            templateLength[t] = size;
            templateIpSum[t] = fold(Checksum.add(0, frame, l3, 20));
            int l4Len = size - l3 - 20;
            int proto = udp ? 17 : 6;
            templateL4Sum[t] = fold(Checksum.add(proto + l4Len, frame, l3 + 20, l4Len));
            at += (size + 63) & ~63;
        }

        int n = spec.flows();
        src = new int[n];
        dst = new int[n];
        ports = new int[n];
        addrSum = new int[n];
        portSum = new int[n];
        rss = new int[n];
        List<List<Integer>> perQueue = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            perQueue.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            int s = spec.srcIp(i);
            int d = spec.dstIp(i);
            int sp = spec.srcPort(i);
            int dp = spec.dstPort(i);
            src[i] = s;
            dst[i] = d;
            ports[i] = sp << 16 | dp;
            addrSum[i] = (s >>> 16) + (s & 0xFFFF) + (d >>> 16) + (d & 0xFFFF);
            portSum[i] = sp + dp;
            rss[i] = Toeplitz.hash(s, d, sp, dp);
            perQueue.get(Toeplitz.queue(rss[i], queues)).add(i);
        }
        queueFlows = new int[queues][];
        for (int q = 0; q < queues; q++) {
            queueFlows[q] = perQueue.get(q).stream().mapToInt(Integer::intValue).toArray();
        }
        cqeFlags = Cqe.FLAG_IPV4 | (udp ? Cqe.FLAG_UDP : Cqe.FLAG_TCP) | Cqe.FLAG_L3_OK | Cqe.FLAG_L4_OK | Cqe.FLAG_RSS
                | (vlanTci >= 0 ? Cqe.FLAG_VLAN : 0);
        rssType = udp ? Cqe.RSS_TYPE_IPV4_UDP : Cqe.RSS_TYPE_IPV4_TCP;
        cast = castOf(spec.dstMac());
    }

    /** Click's packet type for a destination MAC, as a NIC's L2 filter classifies it. */
    static int castOf(long dstMac) {
        if (dstMac == 0xFFFF_FFFF_FFFFL) {
            return Packet.BROADCAST;
        }
        return (dstMac & 0x0100_0000_0000L) != 0 ? Packet.MULTICAST : Packet.HOST;
    }

    static int fold(int sum) {
        long s = sum & 0xFFFF_FFFFL;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** A frame of {@code size} bytes with zero addresses, ports and checksums. */
    private byte[] template(int size) {
        byte[] f = new byte[size];
        long dm = spec.dstMac();
        long sm = spec.srcMac();
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dm >>> (40 - 8 * i));
            f[6 + i] = (byte) (sm >>> (40 - 8 * i));
        }
        int p = 12;
        if (vlanTci >= 0) {
            f[p] = (byte) 0x81;
            f[p + 1] = 0x00;
            f[p + 2] = (byte) (vlanTci >>> 8);
            f[p + 3] = (byte) vlanTci;
            p += 4;
        }
        f[p] = 0x08;
        f[p + 1] = 0x00;
        int ipLen = size - l3;
        f[l3] = 0x45;
        f[l3 + 2] = (byte) (ipLen >>> 8);
        f[l3 + 3] = (byte) ipLen;
        f[l3 + 6] = 0x40; // DF
        f[l3 + 8] = 64;   // TTL
        f[l3 + 9] = (byte) (udp ? 17 : 6);
        int l4 = l3 + 20;
        int l4Len = size - l4;
        int payload;
        if (udp) {
            f[l4 + 4] = (byte) (l4Len >>> 8);
            f[l4 + 5] = (byte) l4Len;
            payload = l4 + 8;
        } else {
            f[l4 + 7] = 1;           // sequence number 1
            f[l4 + 12] = 0x50;       // data offset 5 words
            f[l4 + 13] = 0x10;       // ACK
            f[l4 + 14] = (byte) 0xFF; // window 65535
            f[l4 + 15] = (byte) 0xFF;
            payload = l4 + 20;
        }
        for (int i = payload; i < size; i++) {
            f[i] = (byte) (i - payload);
        }
        return f;
    }

    QueueFeed feed(int queue) {
        return new Feed(this, queueFlows[queue]);
    }

    /** Frames for one queue: its flows round-robin, sizes cycling. */
    static final class Feed extends QueueFeed {
        private final FlowWire w;
        private final int[] flows;
        private final int[] sizeTemplate;
        private final long[] templateOffset;
        private final int[] templateLength;
        private final int[] templateIpSum;
        private final int[] templateL4Sum;
        private final long templatesAddress;
        /** Every frame of this queue rendered in advance ({@link #PRERENDER_LIMIT}), or null. */
        private final MemorySegment rendered;
        private final long renderedAddress;
        private final int stride;
        private int flowCursor;
        private int sizeCursor;

        Feed(FlowWire w, int[] flows) {
            this.w = w;
            this.flows = flows;
            this.sizeTemplate = w.sizeTemplate;
            this.templateOffset = w.templateOffset;
            this.templateLength = w.templateLength;
            this.templateIpSum = w.templateIpSum;
            this.templateL4Sum = w.templateL4Sum;
            this.templatesAddress = w.templates.address();
            int nt = templateLength.length;
            this.stride = (w.maxFrame() + 63) & ~63;
            long bytes = (long) flows.length * nt * stride;
            if (flows.length > 0 && bytes <= PRERENDER_LIMIT) {
                rendered = Arena.ofAuto().allocate(bytes, 64);
                renderedAddress = rendered.address();
                for (int i = 0; i < flows.length; i++) {
                    for (int t = 0; t < nt; t++) {
                        render(renderedAddress + ((long) i * nt + t) * stride, flows[i], t);
                    }
                }
            } else {
                rendered = null;
                renderedAddress = 0;
            }
        }

        @Override
        long remaining() {
            return flows.length == 0 ? 0 : Long.MAX_VALUE;
        }

        @Override
        void emit(RxRing ring, int k, long timestamp) {
            FlowWire w = this.w;
            int[] flows = this.flows;
            int nt = templateLength.length;
            int fc = flowCursor;
            int sc = sizeCursor;
            long seq = ring.wireIndex();
            for (int j = 0; j < k; j++, seq++) {
                int f = flows[fc];
                int t = sizeTemplate[sc];
                int len = templateLength[t];
                long at = ADDRESS + ring.bufferAddress(seq);
                if (rendered != null) {
                    copy(renderedAddress + ((long) fc * nt + t) * stride, at, len);
                } else {
                    render(at, f, t);
                }
                ring.complete(seq, len, w.rss[f], w.rssType, w.vlanTci < 0 ? 0 : w.vlanTci, w.cqeFlags, w.cast, timestamp);
                if (++fc == flows.length) {
                    fc = 0;
                }
                if (++sc == sizeTemplate.length) {
                    sc = 0;
                }
            }
            flowCursor = fc;
            sizeCursor = sc;
        }

        /** Writes the frame of flow {@code f} in size template {@code t} at raw address {@code at}. */
        private void render(long at, int f, int t) {
            FlowWire w = this.w;
            int l3 = w.l3;
            copy(templatesAddress + templateOffset[t], at, templateLength[t]);
            int a = w.addrSum[f];
            UnsafeApi.putInt(at + l3 + 12, net(w.src[f]));
            UnsafeApi.putInt(at + l3 + 16, net(w.dst[f]));
            UnsafeApi.putShort(at + l3 + 10, net((short) complement(templateIpSum[t] + a)));
            UnsafeApi.putInt(at + l3 + 20, net(w.ports[f]));
            int l4 = complement(templateL4Sum[t] + a + w.portSum[f]);
            if (w.udp && l4 == 0) {
                l4 = 0xFFFF;
            }
            UnsafeApi.putShort(at + w.l4ChecksumOffset, net((short) l4));
        }

        /**
         * Copies a frame. Up to 64 bytes: eight word moves, whole (sources are padded to 64 bytes,
         * and the destination is a packet buffer of 2 KiB), which beats a call of the copy stub.
         */
        private static void copy(long from, long to, int len) {
            if (len <= 64) {
                UnsafeApi.putLong(to, UnsafeApi.getLong(from));
                UnsafeApi.putLong(to + 8, UnsafeApi.getLong(from + 8));
                UnsafeApi.putLong(to + 16, UnsafeApi.getLong(from + 16));
                UnsafeApi.putLong(to + 24, UnsafeApi.getLong(from + 24));
                UnsafeApi.putLong(to + 32, UnsafeApi.getLong(from + 32));
                UnsafeApi.putLong(to + 40, UnsafeApi.getLong(from + 40));
                UnsafeApi.putLong(to + 48, UnsafeApi.getLong(from + 48));
                UnsafeApi.putLong(to + 56, UnsafeApi.getLong(from + 56));
            } else {
                UnsafeApi.copyMemory(from, to, len);
            }
        }

        @Override
        void skip(long n) {
            flowCursor = (int) ((flowCursor + n) % flows.length);
            sizeCursor = (int) ((sizeCursor + n) % sizeTemplate.length);
        }

        // The wire writes the frame as DMA would: raw stores into the posted buffer (inside the
        // packet memory by construction: a slot's data area, frames no longer than DATA_SIZE).
        private static int net(int v) {
            return BIG_ENDIAN ? v : Integer.reverseBytes(v);
        }

        private static short net(short v) {
            return BIG_ENDIAN ? v : Short.reverseBytes(v);
        }

        private static int complement(int sum) {
            int s = (sum & 0xFFFF) + (sum >>> 16);
            s = (s & 0xFFFF) + (s >>> 16);
            return ~s & 0xFFFF;
        }
    }

    /** Largest frame the templates hold; at most {@link PacketPool#DATA_SIZE}. */
    int maxFrame() {
        int m = 0;
        for (int l : templateLength) {
            m = Math.max(m, l);
        }
        return m;
    }
}
