package io.jmill.driver.sim;

import io.jmill.driver.DescriptorArea;
import io.jmill.driver.DriverDescriptor;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.Overlay;
import io.jmill.driver.QueueStats;
import io.jmill.driver.Xchange;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.LongSupplier;

/**
 * One receive queue of the simulated NIC: a ring of posted buffers (the receive WQEs, each a JMill
 * packet slot) and a completion queue of {@link Cqe} entries in memory of its own.
 *
 * <p>Three positions move forward (as longs, never wrapping): {@code posted} (buffers the driver
 * gave the NIC), {@code wire} (buffers the wire has filled, each with a completion) and
 * {@code consumed} (completions the driver has handed up). {@code consumed ≤ wire ≤ posted ≤
 * consumed + size}. A receive call lets frames arrive (at line rate: as many as the caller can
 * take; with a rate: as many as the clock allows, the ones without a posted buffer counted as
 * missed), hands completed buffers up through the device's metadata model, and refills the ring.
 *
 * <p>Used by one thread at a time (the queue's poller).
 */
final class RxRing {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int BUFFER_OFFSET = PacketPool.METADATA_SIZE + PacketPool.HEADROOM;

    private final int queue;
    private final int port;
    private final MetadataModel model;
    private final QueueStats stats;
    private final int size;
    private final int mask;
    private final int logSize;
    private final Packet[] ring;
    private final MemorySegment cq;
    private final long cqAddress; // the completion entries are read and written at raw addresses, as DMA'd memory
    private final DescriptorArea descriptors;
    private final QueueFeed feed;
    private final LongSupplier clock;
    private Overlay overlay;
    private Xchange xchange;
    private volatile long xchangeFields = Xchange.ALL_FIELDS;
    private boolean armed;

    private long consumed;
    private long wire;
    private long posted;

    private volatile double rate;
    private long lastArrival;
    private double credit;

    RxRing(int queue, int port, MetadataModel model, int size, QueueFeed feed, LongSupplier clock) {
        this.queue = queue;
        this.port = port;
        this.model = model;
        this.stats = new QueueStats();
        this.size = size;
        this.mask = size - 1;
        this.logSize = Integer.numberOfTrailingZeros(size);
        this.ring = new Packet[size];
        this.cq = Arena.ofAuto().allocate((long) size * Cqe.SIZE, 64);
        this.cqAddress = cq.address();
        for (int i = 0; i < size; i++) {
            cq.set(ValueLayout.JAVA_BYTE, (long) i * Cqe.SIZE + Cqe.OP_OWN, (byte) (Cqe.OPCODE_INVALID << 4 | 1));
        }
        this.descriptors = model == MetadataModel.COPYING ? new DescriptorArea(size) : null;
        this.feed = feed;
        this.clock = clock;
    }

    QueueStats stats() {
        return stats;
    }

    /** Packets per second the wire offers this queue; 0 for line rate. */
    void rate(double pps) {
        rate = pps;
        credit = 0;
        lastArrival = 0;
    }

    double rate() {
        return rate;
    }

    /** The fields the application reads, for the XCHANGE model ({@link Xchange#forActiveLayout(Xchange, long)}). */
    void xchangeFields(long fields) {
        xchangeFields = fields;
    }

    /** True once the wire has nothing more for this queue and every completion was handed up. */
    boolean finished() {
        return feed.remaining() == 0 && consumed == wire;
    }

    long wireIndex() {
        return wire;
    }

    /** Where the wire writes the frame for ring position {@code seq}: the posted buffer's data area. */
    long bufferAddress(long seq) {
        return ring[(int) (seq & mask)].slotBase() + BUFFER_OFFSET;
    }

    /** The wire's completion for ring position {@code seq}. */
    void complete(long seq, int byteCount, int rssHash, int rssType, int vlanTci, int flags, int cast, long timestamp) {
        int slot = (int) (seq & mask);
        long e = cqAddress + (long) slot * Cqe.SIZE;
        if (LITTLE_ENDIAN) {
            // As a NIC writes an entry: whole words (bytes 0-7, 8-15, 16-23), the owner byte last.
            UnsafeApi.putLong(e + Cqe.TIMESTAMP, timestamp);
            UnsafeApi.putLong(e + Cqe.RSS_HASH, (rssHash & 0xFFFF_FFFFL) | (long) byteCount << 32);
            UnsafeApi.putLong(e + Cqe.VLAN_TCI, (vlanTci & 0xFFFFL) | (flags & 0xFFFFL) << 16 | (cast & 0xFFL) << 32
                    | (rssType & 0xFFL) << 40 | (long) slot << 48);
        } else {
            UnsafeApi.putLong(e + Cqe.TIMESTAMP, timestamp);
            UnsafeApi.putInt(e + Cqe.RSS_HASH, rssHash);
            UnsafeApi.putInt(e + Cqe.BYTE_COUNT, byteCount);
            UnsafeApi.putShort(e + Cqe.VLAN_TCI, (short) vlanTci);
            UnsafeApi.putShort(e + Cqe.FLAGS, (short) flags);
            UnsafeApi.putByte(e + Cqe.CAST, (byte) cast);
            UnsafeApi.putByte(e + Cqe.RSS_TYPE, (byte) rssType);
            UnsafeApi.putShort(e + Cqe.WQE_COUNTER, (short) slot);
        }
        UnsafeApi.putByte(e + Cqe.OP_OWN, (byte) (Cqe.OPCODE_RX << 4 | (int) ((seq >>> logSize) & 1)));
    }

    // ------------------------------------------------------------------ receive

    int receive(PacketBatch batch, int max) {
        int room = Math.min(max, batch.capacity() - batch.size());
        if (room <= 0) {
            return 0;
        }
        if (!armed) {
            armed = true;
            refill();
        }
        arrive(room);
        int n = switch (model) {
            case COPYING -> receiveCopying(batch, room);
            case OVERLAYING -> receiveOverlaying(batch, room);
            case XCHANGE -> receiveXchange(batch, room);
        };
        if (n > 0) {
            refill();
        }
        return n;
    }

    /** Frames arrive from the wire into posted buffers. */
    private void arrive(int room) {
        long arrivals;
        double r = rate;
        if (r <= 0) {
            arrivals = Math.max(0, room - (wire - consumed));
        } else {
            long now = System.nanoTime();
            if (lastArrival == 0) {
                lastArrival = now;
            }
            credit += (now - lastArrival) * r * 1e-9;
            lastArrival = now;
            arrivals = (long) credit;
            credit -= arrivals;
        }
        arrivals = Math.min(arrivals, feed.remaining());
        if (arrivals <= 0) {
            return;
        }
        int k = (int) Math.min(arrivals, posted - wire);
        if (k > 0) {
            feed.emit(this, k, clock.getAsLong());
            wire += k;
        }
        long missed = arrivals - k;
        if (missed > 0) {
            feed.skip(missed);
            stats.missed(missed);
        }
    }

    private boolean completed(long c, long seq) {
        int op = UnsafeApi.getByte(cqAddress + c + Cqe.OP_OWN) & 0xFF;
        return (op >>> 4) == Cqe.OPCODE_RX && (op & 1) == (int) ((seq >>> logSize) & 1);
    }

    /** COPYING: CQE → driver descriptor (pass 1, the driver) → Packet setters (pass 2, the application). */
    private int receiveCopying(PacketBatch batch, int room) {
        long cqa = cqAddress;
        DescriptorArea desc = descriptors;
        int base = batch.size();
        int n = 0;
        long bytes = 0;
        int errors = 0;
        long seq = consumed;
        for (; n < room; n++, seq++) {
            int slot = (int) (seq & mask);
            long c = (long) slot * Cqe.SIZE;
            if (!completed(c, seq)) {
                break;
            }
            Packet p = ring[slot];
            ring[slot] = null;
            int len = UnsafeApi.getInt(cqa + c + Cqe.BYTE_COUNT);
            int flags = UnsafeApi.getShort(cqa + c + Cqe.FLAGS);
            desc.receive(slot, p.slotBase() + PacketPool.METADATA_SIZE, len, port, queue, olFlags(flags),
                    packetType(flags), UnsafeApi.getShort(cqa + c + Cqe.VLAN_TCI) & 0xFFFF,
                    UnsafeApi.getInt(cqa + c + Cqe.RSS_HASH), UnsafeApi.getLong(cqa + c + Cqe.TIMESTAMP),
                    UnsafeApi.getByte(cqa + c + Cqe.CAST));
            bytes += len;
            errors += (flags >>> 8) & 1;
            batch.add(p);
        }
        for (int i = 0; i < n; i++) {
            desc.toPacket((int) ((consumed + i) & mask), batch.get(base + i));
        }
        consumed = seq;
        account(n, bytes, errors);
        return n;
    }

    /** OVERLAYING: CQE → one write per field into the slot (shared fields at layout offsets, private in headroom). */
    private int receiveOverlaying(PacketBatch batch, int room) {
        long cqa = cqAddress;
        Overlay o = overlay = Overlay.forActiveLayout(overlay);
        int n = 0;
        long bytes = 0;
        int errors = 0;
        long seq = consumed;
        for (; n < room; n++, seq++) {
            int slot = (int) (seq & mask);
            long c = (long) slot * Cqe.SIZE;
            if (!completed(c, seq)) {
                break;
            }
            Packet p = ring[slot];
            ring[slot] = null;
            int len = UnsafeApi.getInt(cqa + c + Cqe.BYTE_COUNT);
            int flags = UnsafeApi.getShort(cqa + c + Cqe.FLAGS);
            o.receive(p, len, port, queue, olFlags(flags), packetType(flags),
                    UnsafeApi.getShort(cqa + c + Cqe.VLAN_TCI) & 0xFFFF, UnsafeApi.getInt(cqa + c + Cqe.RSS_HASH),
                    UnsafeApi.getLong(cqa + c + Cqe.TIMESTAMP), UnsafeApi.getByte(cqa + c + Cqe.CAST));
            bytes += len;
            errors += (flags >>> 8) & 1;
            batch.add(p);
        }
        consumed = seq;
        account(n, bytes, errors);
        return n;
    }

    /** XCHANGE: CQE → Packet setters, only the fields JMill keeps. */
    private int receiveXchange(PacketBatch batch, int room) {
        long cqa = cqAddress;
        Xchange x = xchange = Xchange.forActiveLayout(xchange, xchangeFields);
        int n = 0;
        long bytes = 0;
        int errors = 0;
        long seq = consumed;
        for (; n < room; n++, seq++) {
            int slot = (int) (seq & mask);
            long c = (long) slot * Cqe.SIZE;
            if (!completed(c, seq)) {
                break;
            }
            Packet p = ring[slot];
            ring[slot] = null;
            int len = UnsafeApi.getInt(cqa + c + Cqe.BYTE_COUNT);
            int flags = UnsafeApi.getShort(cqa + c + Cqe.FLAGS);
            x.receive(p, len, port, queue,
                    (flags & Cqe.FLAG_VLAN) != 0 ? UnsafeApi.getShort(cqa + c + Cqe.VLAN_TCI) & 0xFFFF : 0,
                    (flags & Cqe.FLAG_RSS) != 0 ? UnsafeApi.getInt(cqa + c + Cqe.RSS_HASH) : 0,
                    UnsafeApi.getLong(cqa + c + Cqe.TIMESTAMP), UnsafeApi.getByte(cqa + c + Cqe.CAST));
            bytes += len;
            errors += (flags >>> 8) & 1;
            batch.add(p);
        }
        consumed = seq;
        account(n, bytes, errors);
        return n;
    }

    private void account(int n, long bytes, int errors) {
        if (n > 0) {
            stats.received(n, bytes);
            if (errors > 0) {
                stats.receiveErrors(errors);
            }
        }
    }

    /** The driver's translation of CQE flags into descriptor offload flags. */
    static long olFlags(int flags) {
        long ol = 0;
        if ((flags & Cqe.FLAG_VLAN) != 0) {
            ol |= DriverDescriptor.OL_VLAN;
        }
        if ((flags & Cqe.FLAG_RSS) != 0) {
            ol |= DriverDescriptor.OL_RSS_HASH;
        }
        if ((flags & Cqe.FLAG_L3_OK) != 0) {
            ol |= DriverDescriptor.OL_IP_CKSUM_GOOD;
        }
        if ((flags & Cqe.FLAG_L4_OK) != 0) {
            ol |= DriverDescriptor.OL_L4_CKSUM_GOOD;
        }
        if ((flags & Cqe.FLAG_TRUNCATED) != 0) {
            ol |= DriverDescriptor.OL_TRUNCATED;
        }
        return ol;
    }

    /** The driver's translation of CQE flags into a per-layer packet type. */
    static int packetType(int flags) {
        int t = (flags & Cqe.FLAG_VLAN) != 0 ? DriverDescriptor.PTYPE_L2_ETHER_VLAN : DriverDescriptor.PTYPE_L2_ETHER;
        if ((flags & Cqe.FLAG_IPV4) != 0) {
            t |= DriverDescriptor.PTYPE_L3_IPV4;
            if ((flags & Cqe.FLAG_FRAGMENT) != 0) {
                t |= DriverDescriptor.PTYPE_L4_FRAG;
            } else if ((flags & Cqe.FLAG_TCP) != 0) {
                t |= DriverDescriptor.PTYPE_L4_TCP;
            } else if ((flags & Cqe.FLAG_UDP) != 0) {
                t |= DriverDescriptor.PTYPE_L4_UDP;
            }
        }
        return t;
    }

    // ------------------------------------------------------------------ refill

    /** Posts buffers until the ring is full or no buffer is to be had. */
    private void refill() {
        long limit = consumed + size;
        long p = posted;
        if (p == limit) {
            return;
        }
        switch (model) {
            case COPYING -> {
                long got = 0;
                for (; p < limit; p++, got++) {
                    Packet b = PacketPool.alloc();
                    if (b == null) {
                        break;
                    }
                    ring[(int) (p & mask)] = b;
                }
                stats.poolAllocs(got);
            }
            case OVERLAYING -> {
                Overlay o = overlay = Overlay.forActiveLayout(overlay);
                long got = 0;
                for (; p < limit; p++, got++) {
                    Packet b = PacketPool.alloc();
                    if (b == null) {
                        break;
                    }
                    o.rearm(b);
                    ring[(int) (p & mask)] = b;
                }
                stats.poolAllocs(got);
            }
            case XCHANGE -> {
                // Application buffers first (counted once per refill), the pool when the list is dry.
                ExchangeList list = ExchangeList.current();
                long taken = 0;
                for (; p < limit; p++) {
                    Packet b = list.take();
                    if (b != null) {
                        taken++;
                    } else if ((b = PacketPool.alloc()) != null) {
                        stats.poolAllocs(1);
                    } else {
                        break;
                    }
                    ring[(int) (p & mask)] = b;
                }
                stats.exchangeTakes(taken);
            }
        }
        posted = p;
    }

    /** Frees every buffer the ring holds (posted, filled or not). */
    void close() {
        for (long s = consumed; s < posted; s++) {
            int slot = (int) (s & mask);
            Packet p = ring[slot];
            if (p != null) {
                ring[slot] = null;
                p.kill();
            }
        }
        consumed = wire = posted;
    }

    /** A field of the COPYING descriptor of ring slot {@code slot} (tests). */
    DescriptorArea descriptors() {
        return descriptors;
    }
}
