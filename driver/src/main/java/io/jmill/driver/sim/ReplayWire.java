package io.jmill.driver.sim;

import io.jmill.driver.FrameSource;
import io.jmill.driver.net.Checksum;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static io.jmill.layout.PacketMemory.ADDRESS;

/**
 * Replayed traffic: every frame of a {@link FrameSource}, read once at open into a frame area of
 * its own, with what the NIC would report about it (RSS hash over the IPv4 4-tuple or 2-tuple, VLAN
 * tag, checksum verdicts, cast) worked out at the same time. Each queue replays, in source order,
 * the frames RSS sends to it, with their capture timestamps; once, or in a loop.
 */
final class ReplayWire {
    final MemorySegment frames;
    final long framesAddress;
    final long[] offset;
    final int[] length;
    final long[] timestamp;
    final int[] rss;
    final int[] rssType;
    final int[] flags;
    final int[] vlan;
    final int[] cast;
    final int[][] queueFrames;
    final boolean loop;

    ReplayWire(FrameSource source, int queues, boolean loop) throws IOException {
        this.loop = loop;
        List<byte[]> data = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Boolean> cut = new ArrayList<>();
        long total = 0;
        while (source.next()) {
            int cap = source.capturedLength();
            byte[] b = new byte[cap];
            source.copyTo(b, 0);
            boolean truncated = cap < source.wireLength() || cap > PacketPool.DATA_SIZE;
            if (cap > PacketPool.DATA_SIZE) {
                b = java.util.Arrays.copyOf(b, PacketPool.DATA_SIZE);
            }
            data.add(b);
            times.add(source.timestampNanos());
            cut.add(truncated);
            total += (b.length + 63) & ~63;
        }
        int n = data.size();
        frames = Arena.ofAuto().allocate(Math.max(total, 64), 64);
        framesAddress = frames.address();
        offset = new long[n];
        length = new int[n];
        timestamp = new long[n];
        rss = new int[n];
        rssType = new int[n];
        flags = new int[n];
        vlan = new int[n];
        cast = new int[n];
        List<List<Integer>> perQueue = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            perQueue.add(new ArrayList<>());
        }
        long at = 0;
        for (int i = 0; i < n; i++) {
            byte[] b = data.get(i);
            MemorySegment.copy(b, 0, frames, ValueLayout.JAVA_BYTE, at, b.length);
            offset[i] = at;
            length[i] = b.length;
            timestamp[i] = times.get(i);
            classify(i, b, cut.get(i));
            perQueue.get((flags[i] & Cqe.FLAG_RSS) != 0 ? Toeplitz.queue(rss[i], queues) : 0).add(i);
            at += (b.length + 63) & ~63;
        }
        queueFrames = new int[queues][];
        for (int q = 0; q < queues; q++) {
            queueFrames[q] = perQueue.get(q).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** What a NIC's parser reports: VLAN, IPv4, L4 protocol, checksum verdicts, RSS. */
    private void classify(int i, byte[] b, boolean truncated) {
        int f = truncated ? Cqe.FLAG_TRUNCATED : 0;
        long dstMac = 0;
        for (int k = 0; k < 6 && k < b.length; k++) {
            dstMac = dstMac << 8 | (b[k] & 0xFF);
        }
        cast[i] = b.length >= 6 ? FlowWire.castOf(dstMac) : 0;
        if (b.length < 14) {
            flags[i] = f;
            return;
        }
        int type = u16(b, 12);
        int l3 = 14;
        if (type == 0x8100 && b.length >= 18) {
            f |= Cqe.FLAG_VLAN;
            vlan[i] = u16(b, 14);
            type = u16(b, 16);
            l3 = 18;
        }
        if (type == 0x0800 && b.length >= l3 + 20 && (b[l3] & 0xF0) == 0x40) {
            int ihl = (b[l3] & 0x0F) * 4;
            if (ihl >= 20 && b.length >= l3 + ihl) {
                f |= Cqe.FLAG_IPV4;
                if (Checksum.of(b, l3, ihl) == 0) {
                    f |= Cqe.FLAG_L3_OK;
                }
                int src = u32(b, l3 + 12);
                int dst = u32(b, l3 + 16);
                int proto = b[l3 + 9] & 0xFF;
                boolean fragment = (u16(b, l3 + 6) & 0x3FFF) != 0;
                int l4 = l3 + ihl;
                int ipTotal = u16(b, l3 + 2);
                if (fragment) {
                    f |= Cqe.FLAG_FRAGMENT;
                }
                if (!fragment && (proto == 6 || proto == 17) && b.length >= l4 + 4) {
                    f |= proto == 6 ? Cqe.FLAG_TCP : Cqe.FLAG_UDP;
                    rss[i] = Toeplitz.hash(src, dst, u16(b, l4), u16(b, l4 + 2));
                    rssType[i] = proto == 6 ? Cqe.RSS_TYPE_IPV4_TCP : Cqe.RSS_TYPE_IPV4_UDP;
                    int l4Len = ipTotal - ihl;
                    if (!truncated && l4Len > 0 && b.length >= l4 + l4Len) {
                        boolean noUdpChecksum = proto == 17 && l4Len >= 8 && u16(b, l4 + 6) == 0;
                        int sum = Checksum.add(Checksum.pseudoHeader(src, dst, proto, l4Len), b, l4, l4Len);
                        if (noUdpChecksum || Checksum.finish(sum) == 0) {
                            f |= Cqe.FLAG_L4_OK;
                        }
                    }
                } else {
                    rss[i] = Toeplitz.hash(src, dst);
                    rssType[i] = Cqe.RSS_TYPE_IPV4;
                }
                f |= Cqe.FLAG_RSS;
            }
        }
        flags[i] = f;
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }

    private static int u32(byte[] b, int o) {
        return u16(b, o) << 16 | u16(b, o + 2);
    }

    QueueFeed feed(int queue) {
        return new Feed(this, queueFrames[queue]);
    }

    int frameCount() {
        return offset.length;
    }

    /** The frames of one queue, in order. */
    static final class Feed extends QueueFeed {
        private final ReplayWire w;
        private final int[] list;
        private final boolean loop;
        private long position;

        Feed(ReplayWire w, int[] list) {
            this.w = w;
            this.list = list;
            this.loop = w.loop;
        }

        @Override
        long remaining() {
            if (list.length == 0) {
                return 0;
            }
            return loop ? Long.MAX_VALUE : list.length - position;
        }

        @Override
        void emit(RxRing ring, int k, long now) {
            ReplayWire w = this.w;
            long seq = ring.wireIndex();
            int n = list.length;
            int c = (int) (position % n);
            for (int j = 0; j < k; j++, seq++) {
                int i = list[c];
                int len = w.length[i];
                UnsafeApi.copyMemory(w.framesAddress + w.offset[i], ADDRESS + ring.bufferAddress(seq), len); // DMA: raw copy
                ring.complete(seq, len, w.rss[i], w.rssType[i], w.vlan[i], w.flags[i], w.cast[i], w.timestamp[i]);
                if (++c == n) {
                    c = 0;
                }
            }
            position += k;
        }

        @Override
        void skip(long n) {
            position += n;
        }
    }
}
