package io.jmill.driver;

/**
 * The layout of a generic driver descriptor, modelled on DPDK's {@code rte_mbuf}: what a
 * conventional driver fills for every received buffer before the application sees it. The
 * COPYING model keeps these 64-byte structs in the driver's own memory ({@link DescriptorArea});
 * the OVERLAYING model places the fields JMill does not have in the slot headroom ({@link Overlay}).
 * XCHANGE has no descriptor at all. Offsets are in bytes, values in native byte order.
 */
public final class DriverDescriptor {
    /** Buffer address: offset of the buffer start in the packet memory. */
    public static final int BUF_ADDR = 0;
    /** Offset of the data from the buffer start (u16). */
    public static final int DATA_OFF = 8;
    /** Reference count (u16); 1 for a buffer owned by one user. */
    public static final int REFCNT = 10;
    /** Number of segments (u16); always 1 here. */
    public static final int NB_SEGS = 12;
    /** Input port (u16). */
    public static final int PORT = 14;
    /** Offload flags (u64), {@code OL_*}. */
    public static final int OL_FLAGS = 16;
    /** Packet type by layer (u32), {@code PTYPE_*}. */
    public static final int PACKET_TYPE = 24;
    /** Packet length (u32). */
    public static final int PKT_LEN = 28;
    /** Length of this segment (u16). */
    public static final int DATA_LEN = 32;
    /** VLAN TCI (u16), valid if {@link #OL_VLAN}. */
    public static final int VLAN_TCI = 34;
    /** RSS hash (u32), valid if {@link #OL_RSS_HASH}. */
    public static final int RSS_HASH = 36;
    /** Receive timestamp, ns since the epoch (u64). */
    public static final int TIMESTAMP = 40;
    /** Receive queue (u16). */
    public static final int QUEUE = 48;
    /** Link-layer cast (u8): Click's packet type, HOST, BROADCAST, MULTICAST, OTHERHOST, OUTGOING. */
    public static final int CAST = 50;
    /** Owning pool (u64); bookkeeping only. */
    public static final int POOL = 56;
    /** Bytes per descriptor: one cache line. */
    public static final int SIZE = 64;

    /** The frame carried a VLAN tag; {@link #VLAN_TCI} holds it. */
    public static final long OL_VLAN = 1L;
    /** {@link #RSS_HASH} is valid. */
    public static final long OL_RSS_HASH = 1L << 1;
    /** The IPv4 header checksum was verified good. */
    public static final long OL_IP_CKSUM_GOOD = 1L << 7;
    /** The TCP/UDP checksum was verified good. */
    public static final long OL_L4_CKSUM_GOOD = 1L << 8;
    /** The frame was truncated to the buffer (or the capture length). */
    public static final long OL_TRUNCATED = 1L << 20;

    public static final int PTYPE_L2_ETHER = 0x1;
    public static final int PTYPE_L2_ETHER_VLAN = 0x6;
    public static final int PTYPE_L3_IPV4 = 0x10;
    public static final int PTYPE_L4_TCP = 0x100;
    public static final int PTYPE_L4_UDP = 0x200;
    public static final int PTYPE_L4_FRAG = 0x300;

    private DriverDescriptor() {
    }
}
