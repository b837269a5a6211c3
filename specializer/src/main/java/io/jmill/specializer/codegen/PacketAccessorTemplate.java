package io.jmill.specializer.codegen;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import org.agrona.UnsafeApi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static io.jmill.layout.PacketMemory.ADDRESS;
import static io.jmill.layout.PacketMemory.MEMORY;

/**
 * The template from which specialized code gets its packet accessors: one public static method
 * per {@link Packet} accessor that depends on the metadata layout, taking the packet as its first
 * argument and doing exactly what the instance method does.
 *
 * <p>Every offset is read from one of the {@code static final int} fields below, named after the
 * {@link MetadataField} it locates (upper case). When {@link PacketAccessors} copies a method into
 * a generated class, it replaces each read of such a field with the offset of the layout the code
 * is generated for, as a literal constant. So {@code Packet.paint()} in an element becomes
 * {@code UnsafeApi.getByte(p.slotAddress() + 68) & 0xFF}: no offset table, one load.
 *
 * <p>Used as an ordinary class, the template reads the offsets of the layout active when it is
 * initialized; tests use that to check it against {@link Packet} itself. Methods must stay
 * self-contained: only this class's offset fields and public constants ({@link #BIG_ENDIAN},
 * {@code PacketMemory.MEMORY} and {@code ADDRESS}, {@code ValueLayout}), Agrona's
 * {@code UnsafeApi} (metadata is accessed at raw addresses, as in {@link Packet}), public
 * {@link Packet} methods (slow paths delegate to them), and calls to other methods of this class.
 */
public final class PacketAccessorTemplate {
    public static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    // Offsets: replaced by constants in generated code (see the class comment).
    static final int DATA_OFFSET = offset(MetadataField.DATA_OFFSET);
    static final int LENGTH = offset(MetadataField.LENGTH);
    static final int MAC_HEADER = offset(MetadataField.MAC_HEADER);
    static final int NETWORK_HEADER = offset(MetadataField.NETWORK_HEADER);
    static final int TRANSPORT_HEADER = offset(MetadataField.TRANSPORT_HEADER);
    static final int PACKET_TYPE = offset(MetadataField.PACKET_TYPE);
    static final int INPUT_DEVICE = offset(MetadataField.INPUT_DEVICE);
    static final int INPUT_QUEUE = offset(MetadataField.INPUT_QUEUE);
    static final int TIMESTAMP = offset(MetadataField.TIMESTAMP);
    static final int VLAN_TCI = offset(MetadataField.VLAN_TCI);
    static final int RSS_HASH = offset(MetadataField.RSS_HASH);
    static final int AGGREGATE = offset(MetadataField.AGGREGATE);
    static final int DST_IP = offset(MetadataField.DST_IP);
    static final int PAINT = offset(MetadataField.PAINT);
    static final int ICMP_PARAM_PROB = offset(MetadataField.ICMP_PARAM_PROB);
    static final int FIX_IP_SRC = offset(MetadataField.FIX_IP_SRC);
    static final int SEQUENCE = offset(MetadataField.SEQUENCE);
    static final int FLOW_ID = offset(MetadataField.FLOW_ID);
    static final int FIRST_TIMESTAMP = offset(MetadataField.FIRST_TIMESTAMP);

    private PacketAccessorTemplate() {
    }

    private static int offset(MetadataField f) {
        return MetadataLayout.active().offset(f);
    }

    // ------------------------------------------------------------------ buffer geometry

    public static int dataOffset(Packet p) {
        return UnsafeApi.getShort(p.slotAddress() + DATA_OFFSET) & 0xFFFF;
    }

    private static void setDataOffset(Packet p, int offset) {
        UnsafeApi.putShort(p.slotAddress() + DATA_OFFSET, (short) offset);
    }

    public static int length(Packet p) {
        return UnsafeApi.getInt(p.slotAddress() + LENGTH);
    }

    private static void storeLength(Packet p, int length) {
        UnsafeApi.putInt(p.slotAddress() + LENGTH, length);
    }

    public static void setLength(Packet p, int length) {
        if (length < 0 || dataOffset(p) + length > PacketPool.BUFFER_SIZE) {
            p.setLength(length); // throws, with Packet's message
            return;
        }
        storeLength(p, length);
    }

    public static int headroom(Packet p) {
        return dataOffset(p);
    }

    public static int tailroom(Packet p) {
        return PacketPool.BUFFER_SIZE - dataOffset(p) - length(p);
    }

    public static long dataAddress(Packet p) {
        return p.slotBase() + PacketPool.METADATA_SIZE + dataOffset(p);
    }

    public static boolean push(Packet p, int n) {
        int off = dataOffset(p);
        if (n > off) {
            return p.push(n); // moves the data: slow path, Packet's own
        }
        int len = length(p);
        setDataOffset(p, off - n);
        storeLength(p, len + n);
        return true;
    }

    public static void pull(Packet p, int n) {
        int len = length(p);
        int k = Math.min(Math.max(n, 0), len);
        setDataOffset(p, dataOffset(p) + k);
        storeLength(p, len - k);
    }

    public static boolean put(Packet p, int n) {
        if (n > tailroom(p)) {
            return false;
        }
        storeLength(p, length(p) + n);
        return true;
    }

    public static void take(Packet p, int n) {
        int len = length(p);
        storeLength(p, len - Math.min(Math.max(n, 0), len));
    }

    // ------------------------------------------------------------------ data access (network order)

    public static int u8(Packet p, int offset) {
        return UnsafeApi.getByte(at(p, offset, 1)) & 0xFF;
    }

    public static int u16(Packet p, int offset) {
        short v = UnsafeApi.getShort(at(p, offset, 2));
        return (BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    public static int u32(Packet p, int offset) {
        int v = UnsafeApi.getInt(at(p, offset, 4));
        return BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    public static long u64(Packet p, int offset) {
        long v = UnsafeApi.getLong(at(p, offset, 8));
        return BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    public static void setU8(Packet p, int offset, int value) {
        UnsafeApi.putByte(at(p, offset, 1), (byte) value);
    }

    public static void setU16(Packet p, int offset, int value) {
        UnsafeApi.putShort(at(p, offset, 2), BIG_ENDIAN ? (short) value : Short.reverseBytes((short) value));
    }

    public static void setU32(Packet p, int offset, int value) {
        UnsafeApi.putInt(at(p, offset, 4), BIG_ENDIAN ? value : Integer.reverseBytes(value));
    }

    public static void setU64(Packet p, int offset, long value) {
        UnsafeApi.putLong(at(p, offset, 8), BIG_ENDIAN ? value : Long.reverseBytes(value));
    }

    /** {@code Packet.at}: the raw address of data bytes, checked with {@code Packet.CHECK_BOUNDS}, else kept in memory. */
    private static long at(Packet p, int offset, int size) {
        int pos = dataOffset(p) + offset;
        if (Packet.CHECK_BOUNDS && Integer.compareUnsigned(pos, PacketPool.BUFFER_SIZE - size) > 0) {
            throw Packet.outsideBuffer(offset, size, pos - offset);
        }
        return p.slotAddress() + PacketPool.METADATA_SIZE + (pos & (Packet.DATA_WINDOW - 1));
    }

    public static void copyIn(Packet p, int offset, byte[] src, int srcOff, int len) {
        MemorySegment.copy(src, srcOff, MEMORY, ValueLayout.JAVA_BYTE, dataAddress(p) + offset, len);
    }

    public static void copyOut(Packet p, int offset, byte[] dst, int dstOff, int len) {
        MemorySegment.copy(MEMORY, ValueLayout.JAVA_BYTE, dataAddress(p) + offset, dst, dstOff, len);
    }

    // ------------------------------------------------------------------ header positions (stored + 1)

    public static boolean hasMacHeader(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + MAC_HEADER) & 0xFFFF) - 1 >= 0;
    }

    public static int macHeaderOffset(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + MAC_HEADER) & 0xFFFF) - 1 - dataOffset(p);
    }

    public static void setMacHeader(Packet p, int offset) {
        UnsafeApi.putShort(p.slotAddress() + MAC_HEADER, (short) (dataOffset(p) + offset + 1));
    }

    public static boolean hasNetworkHeader(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + NETWORK_HEADER) & 0xFFFF) - 1 >= 0;
    }

    public static int networkHeaderOffset(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + NETWORK_HEADER) & 0xFFFF) - 1
                - dataOffset(p);
    }

    public static void setNetworkHeader(Packet p, int offset, int length) {
        int pos = dataOffset(p) + offset;
        UnsafeApi.putShort(p.slotAddress() + NETWORK_HEADER, (short) (pos + 1));
        UnsafeApi.putShort(p.slotAddress() + TRANSPORT_HEADER, (short) (pos + length + 1));
    }

    public static int networkHeaderLength(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + TRANSPORT_HEADER) & 0xFFFF)
                - (UnsafeApi.getShort(p.slotAddress() + NETWORK_HEADER) & 0xFFFF);
    }

    public static boolean hasTransportHeader(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + TRANSPORT_HEADER) & 0xFFFF) - 1 >= 0;
    }

    public static int transportHeaderOffset(Packet p) {
        return (UnsafeApi.getShort(p.slotAddress() + TRANSPORT_HEADER) & 0xFFFF) - 1
                - dataOffset(p);
    }

    public static void setTransportHeader(Packet p, int offset) {
        UnsafeApi.putShort(p.slotAddress() + TRANSPORT_HEADER, (short) (dataOffset(p) + offset + 1));
    }

    public static void clearHeaders(Packet p) {
        UnsafeApi.putShort(p.slotAddress() + MAC_HEADER, (short) 0);
        UnsafeApi.putShort(p.slotAddress() + NETWORK_HEADER, (short) 0);
        UnsafeApi.putShort(p.slotAddress() + TRANSPORT_HEADER, (short) 0);
    }

    // ------------------------------------------------------------------ annotations

    public static int packetType(Packet p) {
        return UnsafeApi.getByte(p.slotAddress() + PACKET_TYPE);
    }

    public static void setPacketType(Packet p, int type) {
        UnsafeApi.putByte(p.slotAddress() + PACKET_TYPE, (byte) type);
    }

    public static int inputDevice(Packet p) {
        return UnsafeApi.getShort(p.slotAddress() + INPUT_DEVICE) & 0xFFFF;
    }

    public static void setInputDevice(Packet p, int device) {
        UnsafeApi.putShort(p.slotAddress() + INPUT_DEVICE, (short) device);
    }

    public static int inputQueue(Packet p) {
        return UnsafeApi.getShort(p.slotAddress() + INPUT_QUEUE) & 0xFFFF;
    }

    public static void setInputQueue(Packet p, int queue) {
        UnsafeApi.putShort(p.slotAddress() + INPUT_QUEUE, (short) queue);
    }

    public static long timestampNanos(Packet p) {
        return UnsafeApi.getLong(p.slotAddress() + TIMESTAMP);
    }

    public static void setTimestampNanos(Packet p, long nanos) {
        UnsafeApi.putLong(p.slotAddress() + TIMESTAMP, nanos);
    }

    public static long firstTimestampNanos(Packet p) {
        return UnsafeApi.getLong(p.slotAddress() + FIRST_TIMESTAMP);
    }

    public static void setFirstTimestampNanos(Packet p, long nanos) {
        UnsafeApi.putLong(p.slotAddress() + FIRST_TIMESTAMP, nanos);
    }

    public static int vlanTci(Packet p) {
        return UnsafeApi.getShort(p.slotAddress() + VLAN_TCI) & 0xFFFF;
    }

    public static void setVlanTci(Packet p, int tci) {
        UnsafeApi.putShort(p.slotAddress() + VLAN_TCI, (short) tci);
    }

    public static int rssHash(Packet p) {
        return UnsafeApi.getInt(p.slotAddress() + RSS_HASH);
    }

    public static void setRssHash(Packet p, int hash) {
        UnsafeApi.putInt(p.slotAddress() + RSS_HASH, hash);
    }

    public static int aggregate(Packet p) {
        return UnsafeApi.getInt(p.slotAddress() + AGGREGATE);
    }

    public static void setAggregate(Packet p, int value) {
        UnsafeApi.putInt(p.slotAddress() + AGGREGATE, value);
    }

    public static int dstIpAnno(Packet p) {
        return UnsafeApi.getInt(p.slotAddress() + DST_IP);
    }

    public static void setDstIpAnno(Packet p, int address) {
        UnsafeApi.putInt(p.slotAddress() + DST_IP, address);
    }

    public static int paint(Packet p) {
        return UnsafeApi.getByte(p.slotAddress() + PAINT) & 0xFF;
    }

    public static void setPaint(Packet p, int color) {
        UnsafeApi.putByte(p.slotAddress() + PAINT, (byte) color);
    }

    public static int icmpParamProb(Packet p) {
        return UnsafeApi.getByte(p.slotAddress() + ICMP_PARAM_PROB) & 0xFF;
    }

    public static void setIcmpParamProb(Packet p, int pointer) {
        UnsafeApi.putByte(p.slotAddress() + ICMP_PARAM_PROB, (byte) pointer);
    }

    public static boolean fixIpSrc(Packet p) {
        return UnsafeApi.getByte(p.slotAddress() + FIX_IP_SRC) != 0;
    }

    public static void setFixIpSrc(Packet p, boolean fix) {
        UnsafeApi.putByte(p.slotAddress() + FIX_IP_SRC, (byte) (fix ? 1 : 0));
    }

    public static int sequence(Packet p) {
        return UnsafeApi.getInt(p.slotAddress() + SEQUENCE);
    }

    public static void setSequence(Packet p, int seq) {
        UnsafeApi.putInt(p.slotAddress() + SEQUENCE, seq);
    }

    public static int flowId(Packet p) {
        return UnsafeApi.getInt(p.slotAddress() + FLOW_ID);
    }

    public static void setFlowId(Packet p, int id) {
        UnsafeApi.putInt(p.slotAddress() + FLOW_ID, id);
    }
}
