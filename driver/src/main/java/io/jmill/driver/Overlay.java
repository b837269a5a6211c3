package io.jmill.driver;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jmill.layout.PacketMemory.MEMORY;

/**
 * The OVERLAYING model: the driver descriptor and the JMill packet share the slot. The driver
 * writes each completion field once, straight into the slot:
 * <ul>
 * <li>fields JMill also has (data offset, length, input port and queue, VLAN TCI, RSS hash,
 *     timestamp, link-layer cast) go to the active {@link MetadataLayout}'s offsets for them, so
 *     elements read them without a copy;</li>
 * <li>fields only the driver needs (buffer address, reference count, segment count, segment
 *     length, offload flags, per-layer packet type) go to the driver's own struct at the start of
 *     the buffer's headroom ({@link #PRIVATE_SIZE} bytes), as FastClick's overlaying keeps the
 *     {@code rte_mbuf} in front of the data.</li>
 * </ul>
 *
 * <p>How this differs from XCHANGE (following PacketMill): the driver still works in terms of its
 * own descriptor. It fills all of it, whether the application needs a field or not; it finds
 * JMill's fields through an offset table read at run time (one snapshot per burst, never a
 * constant the JIT can fold); and buffers still go through the driver's allocate/free path (the
 * packet pool) once per packet, with a re-arm of the private struct at every refill. XCHANGE
 * writes only the fields JMill has (once specialized, only those the graph reads), one store each,
 * and swaps buffers with the application instead of allocating them.
 *
 * <p>The private struct lives in the first {@value #PRIVATE_SIZE} bytes of the
 * {@value PacketPool#HEADROOM}-byte headroom; an element that pushes more than
 * {@code HEADROOM - PRIVATE_SIZE} bytes of headers overwrites it, which is harmless because the
 * driver re-arms it at refill and reads only the shared fields on transmit.
 *
 * <p>An instance is a snapshot of one layout's offsets; {@link #forActiveLayout} returns a new one
 * only when the active layout changed.
 */
public final class Overlay {
    /** Bytes of the driver's private struct at the start of the buffer headroom. */
    public static final int PRIVATE_SIZE = 32;
    /** Offsets within the private struct. */
    public static final int P_BUF_ADDR = 0;
    public static final int P_REFCNT = 8;
    public static final int P_NB_SEGS = 10;
    public static final int P_DATA_LEN = 12;
    public static final int P_OL_FLAGS = 16;
    public static final int P_PACKET_TYPE = 24;
    public static final int P_POOL = 28;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final MetadataLayout layout;
    private final int dataOffset;
    private final int length;
    private final int port;
    private final int queue;
    private final int vlanTci;
    private final int rssHash;
    private final int timestamp;
    private final int cast;

    private Overlay(MetadataLayout layout) {
        this.layout = layout;
        this.dataOffset = layout.offset(MetadataField.DATA_OFFSET);
        this.length = layout.offset(MetadataField.LENGTH);
        this.port = layout.offset(MetadataField.INPUT_DEVICE);
        this.queue = layout.offset(MetadataField.INPUT_QUEUE);
        this.vlanTci = layout.offset(MetadataField.VLAN_TCI);
        this.rssHash = layout.offset(MetadataField.RSS_HASH);
        this.timestamp = layout.offset(MetadataField.TIMESTAMP);
        this.cast = layout.offset(MetadataField.PACKET_TYPE);
    }

    /** {@code cached} if it was made for the active layout, else a snapshot of the active layout. */
    public static Overlay forActiveLayout(Overlay cached) {
        MetadataLayout active = MetadataLayout.active();
        return cached != null && cached.layout == active ? cached : new Overlay(active);
    }

    /** The layout this snapshot was taken from. */
    public MetadataLayout layout() {
        return layout;
    }

    /**
     * Re-arms a buffer the driver posts into its ring (DPDK's {@code rearm_data}): data offset,
     * reference count, segment count, buffer address.
     */
    public void rearm(Packet p) {
        long slot = p.slotBase();
        long priv = slot + PacketPool.METADATA_SIZE;
        MEMORY.set(U16, slot + dataOffset, (short) PacketPool.HEADROOM);
        MEMORY.set(U64, priv + P_BUF_ADDR, priv);
        MEMORY.set(U16, priv + P_REFCNT, (short) 1);
        MEMORY.set(U16, priv + P_NB_SEGS, (short) 1);
        MEMORY.set(U32, priv + P_POOL, 0);
    }

    /** The driver's write of one completion into the slot of {@code p}: one store per field. */
    public void receive(Packet p, int len, int inPort, int inQueue, long olFlags, int ptype, int vlan,
                        int rss, long ts, int castType) {
        long slot = p.slotBase();
        long priv = slot + PacketPool.METADATA_SIZE;
        MemorySegment m = MEMORY;
        // driver-private part
        m.set(U16, priv + P_DATA_LEN, (short) len);
        m.set(U64, priv + P_OL_FLAGS, olFlags);
        m.set(U32, priv + P_PACKET_TYPE, ptype);
        // shared part, at the layout's offsets (absent fields are skipped)
        m.set(U32, slot + length, len);
        if (port >= 0) {
            m.set(U16, slot + port, (short) inPort);
        }
        if (queue >= 0) {
            m.set(U16, slot + queue, (short) inQueue);
        }
        if (vlanTci >= 0) {
            m.set(U16, slot + vlanTci, (short) ((olFlags & DriverDescriptor.OL_VLAN) != 0 ? vlan : 0));
        }
        if (rssHash >= 0) {
            m.set(U32, slot + rssHash, (olFlags & DriverDescriptor.OL_RSS_HASH) != 0 ? rss : 0);
        }
        if (timestamp >= 0) {
            m.set(U64, slot + timestamp, ts);
        }
        if (cast >= 0) {
            m.set(ValueLayout.JAVA_BYTE, slot + cast, (byte) castType);
        }
        // An annotation of the application, not of the driver: set through the Packet API.
        p.setMacHeader(0);
    }

    /** Offset in the packet memory of {@code p}'s data, as the driver finds it on transmit. */
    public long txAddress(Packet p) {
        long slot = p.slotBase();
        return slot + PacketPool.METADATA_SIZE + (MEMORY.get(U16, slot + dataOffset) & 0xFFFF);
    }

    /** Length of {@code p}'s data, as the driver finds it on transmit. */
    public int txLength(Packet p) {
        return MEMORY.get(U32, p.slotBase() + length);
    }

    /** A field of the private struct of {@code p}, for tests. */
    public static long privateField(Packet p, int offset, int size) {
        long a = p.slotBase() + PacketPool.METADATA_SIZE + offset;
        return switch (size) {
            case 2 -> MEMORY.get(U16, a) & 0xFFFFL;
            case 4 -> MEMORY.get(U32, a) & 0xFFFF_FFFFL;
            default -> MEMORY.get(U64, a);
        };
    }
}
