package io.jmill.driver.sim;

/**
 * Layout of the simulated NIC's completion queue entries, modelled on a ConnectX CQE: 64 bytes,
 * native byte order (a real mlx5 CQE is big-endian), written by the wire model for every frame it
 * places in a posted buffer and read by the driver. Ownership follows mlx5: the low bit of
 * {@link #OP_OWN} is the phase of the ring pass that wrote the entry, the high nibble the opcode
 * ({@link #OPCODE_INVALID} until the first write).
 */
final class Cqe {
    static final int TIMESTAMP = 0;     // u64, ns since the epoch
    static final int RSS_HASH = 8;      // u32
    static final int BYTE_COUNT = 12;   // u32
    static final int VLAN_TCI = 16;     // u16, valid with FLAG_VLAN
    static final int FLAGS = 18;        // u16, FLAG_*
    static final int CAST = 20;         // u8, Click packet type from the destination MAC
    static final int RSS_TYPE = 21;     // u8, RSS_TYPE_*
    static final int WQE_COUNTER = 22;  // u16, ring position of the buffer
    static final int OP_OWN = 63;       // u8, opcode << 4 | owner (phase) bit
    static final int SIZE = 64;

    static final int FLAG_VLAN = 1;
    static final int FLAG_IPV4 = 1 << 1;
    static final int FLAG_TCP = 1 << 2;
    static final int FLAG_UDP = 1 << 3;
    static final int FLAG_L3_OK = 1 << 4;
    static final int FLAG_L4_OK = 1 << 5;
    static final int FLAG_RSS = 1 << 6;
    static final int FLAG_FRAGMENT = 1 << 7;
    static final int FLAG_TRUNCATED = 1 << 8;

    static final int RSS_TYPE_NONE = 0;
    static final int RSS_TYPE_IPV4 = 1;
    static final int RSS_TYPE_IPV4_TCP = 2;
    static final int RSS_TYPE_IPV4_UDP = 3;

    static final int OPCODE_RX = 0x2;
    static final int OPCODE_INVALID = 0xF;

    private Cqe() {
    }
}
