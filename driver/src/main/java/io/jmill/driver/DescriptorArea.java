package io.jmill.driver;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jmill.driver.DriverDescriptor.*;

/**
 * The COPYING model's driver descriptors: an array of {@link DriverDescriptor} structs in memory
 * of their own (one per ring slot), separate from the packet memory. Receiving is two passes, as
 * with a DPDK driver under an application that has its own packet objects: the driver writes a
 * completion's fields into the descriptor ({@link #receive}), then the application's glue copies
 * them into JMill metadata through the {@code Packet} setters ({@link #toPacket}). Transmitting
 * goes the other way: the glue fills a descriptor from the packet ({@link #fromPacket}) and the
 * driver reads its address and length.
 *
 * <p>Single-threaded: one area per queue side.
 */
public final class DescriptorArea {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final MemorySegment mem;
    private final int entries;

    /** An area of {@code entries} descriptors, zeroed, freed when unreachable. */
    public DescriptorArea(int entries) {
        this.entries = entries;
        this.mem = Arena.ofAuto().allocate((long) entries * SIZE, 64);
    }

    public int entries() {
        return entries;
    }

    /** The driver's write of one completion into descriptor {@code i}: one store per field. */
    public void receive(int i, long bufAddr, int length, int port, int queue, long olFlags, int ptype,
                        int vlanTci, int rssHash, long timestamp, int cast) {
        long d = (long) i * SIZE;
        MemorySegment m = mem;
        m.set(U64, d + BUF_ADDR, bufAddr);
        m.set(U16, d + DATA_OFF, (short) PacketPool.HEADROOM);
        m.set(U16, d + REFCNT, (short) 1);
        m.set(U16, d + NB_SEGS, (short) 1);
        m.set(U16, d + PORT, (short) port);
        m.set(U64, d + OL_FLAGS, olFlags);
        m.set(U32, d + PACKET_TYPE, ptype);
        m.set(U32, d + PKT_LEN, length);
        m.set(U16, d + DATA_LEN, (short) length);
        m.set(U16, d + VLAN_TCI, (short) vlanTci);
        m.set(U32, d + RSS_HASH, rssHash);
        m.set(U64, d + TIMESTAMP, timestamp);
        m.set(U16, d + QUEUE, (short) queue);
        m.set(ValueLayout.JAVA_BYTE, d + CAST, (byte) cast);
    }

    /** The application's copy of descriptor {@code i} into {@code p}'s metadata: the second write per field. */
    public void toPacket(int i, Packet p) {
        long d = (long) i * SIZE;
        MemorySegment m = mem;
        long ol = m.get(U64, d + OL_FLAGS);
        p.setLength(m.get(U32, d + PKT_LEN));
        p.setMacHeader(0);
        p.setPacketType(m.get(ValueLayout.JAVA_BYTE, d + CAST));
        p.setInputDevice(m.get(U16, d + PORT) & 0xFFFF);
        p.setInputQueue(m.get(U16, d + QUEUE) & 0xFFFF);
        p.setTimestampNanos(m.get(U64, d + TIMESTAMP));
        p.setVlanTci((ol & OL_VLAN) != 0 ? m.get(U16, d + VLAN_TCI) & 0xFFFF : 0);
        p.setRssHash((ol & OL_RSS_HASH) != 0 ? m.get(U32, d + RSS_HASH) : 0);
    }

    /** The application's hand-over of {@code p} for transmission: fills descriptor {@code i}. */
    public void fromPacket(int i, Packet p, int port) {
        long d = (long) i * SIZE;
        MemorySegment m = mem;
        int len = p.length();
        m.set(U64, d + BUF_ADDR, p.slotBase() + PacketPool.METADATA_SIZE);
        m.set(U16, d + DATA_OFF, (short) p.dataOffset());
        m.set(U16, d + REFCNT, (short) 1);
        m.set(U16, d + NB_SEGS, (short) 1);
        m.set(U16, d + PORT, (short) port);
        m.set(U64, d + OL_FLAGS, 0L);
        m.set(U32, d + PKT_LEN, len);
        m.set(U16, d + DATA_LEN, (short) len);
    }

    /** Offset in {@link PacketMemory#MEMORY} of the data of descriptor {@code i}. */
    public long dataAddress(int i) {
        long d = (long) i * SIZE;
        return mem.get(U64, d + BUF_ADDR) + (mem.get(U16, d + DATA_OFF) & 0xFFFF);
    }

    /** Length of the data of descriptor {@code i}. */
    public int dataLength(int i) {
        return mem.get(U16, (long) i * SIZE + DATA_LEN) & 0xFFFF;
    }

    /** A field of descriptor {@code i}, for tests and debugging. */
    public long field(int i, int offset, int size) {
        long a = (long) i * SIZE + offset;
        return switch (size) {
            case 1 -> mem.get(ValueLayout.JAVA_BYTE, a) & 0xFFL;
            case 2 -> mem.get(U16, a) & 0xFFFFL;
            case 4 -> mem.get(U32, a) & 0xFFFF_FFFFL;
            default -> mem.get(U64, a);
        };
    }
}
