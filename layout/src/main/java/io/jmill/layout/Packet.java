package io.jmill.layout;

import org.agrona.UnsafeApi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static io.jmill.layout.PacketMemory.ADDRESS;
import static io.jmill.layout.PacketMemory.MEMORY;
import static io.jmill.layout.PacketPool.BUFFER_SIZE;
import static io.jmill.layout.PacketPool.HEADROOM;
import static io.jmill.layout.PacketPool.METADATA_SIZE;

/**
 * A packet: a permanent handle on one slot of the packet memory. Handles are created once, with
 * the pool, and reused; get one from {@link PacketPool#alloc()} and give it back with
 * {@link #kill()} exactly once.
 *
 * <h2>Data</h2>
 * The packet's bytes start {@link #headroom()} bytes into the slot's buffer. Offsets passed to the
 * data accessors ({@link #u8}, {@link #u16}, {@link #u32}, {@link #u64} and their setters) are
 * relative to the first data byte; multi-byte values are big-endian (network order). Accessors do
 * not check against {@link #length()}: like Click's, elements check the length before they read a
 * header. They access raw addresses, kept inside the packet memory; with {@link #CHECK_BOUNDS}
 * ({@code -Djmill.checkBounds=true}, on in the tests) they also check that the bytes lie in the
 * packet's own buffer and throw {@code IndexOutOfBoundsException} otherwise. Click's
 * {@link #push}, {@link #pull}, {@link #put} and {@link #take} move the data boundaries.
 *
 * <h2>Metadata</h2>
 * Length, header positions and annotations live in the slot's metadata area at offsets given by
 * the active {@link MetadataLayout}. Each field has its own accessor pair (e.g. {@link #paint()} /
 * {@link #setPaint}), so that code can be specialized per field and per layout.
 *
 * <h2>Clones</h2>
 * {@link #clone()} copies: the clone gets its own slot with the same metadata and data. There is
 * no shared-data state, so every packet is always writable and {@link #uniqueify()} is a no-op.
 * Copying keeps the data plane free of reference counts (and every data write free of a
 * uniqueness check); a clone copies only the metadata fields that matter ({@link CloneFields}) and
 * the packet's own data, so for the short frames Tee and the replay sources clone most, it costs a
 * few word moves.
 *
 * <p>A packet is used by one thread at a time; handing it to another thread (through a queue)
 * must go through a happens-before edge, as the engine's queues provide.
 */
public final class Packet {
    /** Click packet types, stored in {@link MetadataField#PACKET_TYPE}. */
    public static final int HOST = 0;
    public static final int BROADCAST = 1;
    public static final int MULTICAST = 2;
    public static final int OTHERHOST = 3;
    public static final int OUTGOING = 4;
    public static final int LOOPBACK = 5;

    static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** System property that turns on {@link #CHECK_BOUNDS}. */
    public static final String CHECK_BOUNDS_PROPERTY = "jmill.checkBounds";
    /**
     * Whether data accessors check each access against the packet's buffer and throw
     * {@code IndexOutOfBoundsException} (system property {@value #CHECK_BOUNDS_PROPERTY}, default
     * false; the test suites turn it on). Off, an access is only kept inside the packet memory.
     */
    public static final boolean CHECK_BOUNDS = Boolean.getBoolean(CHECK_BOUNDS_PROPERTY);
    /** Unchecked data accesses stay within this many bytes (a power of two) from the buffer's start. */
    public static final int DATA_WINDOW = 4096;

    /** Offset table of the active layout, indexed by field id. Replaced only by {@link MetadataLayout#activate}. */
    static int[] offsets = MetadataLayout.active().offsets;
    /**
     * The metadata bytes a clone copies, {@code from << 16 | to}: the span from the first to the
     * last 8-byte word that holds a field clones copy ({@link CloneFields}). One straight run of
     * word moves costs less than picking the words one by one, and the bytes in between are
     * copied too, which is harmless: the copy only gets more of the original's metadata.
     */
    static int cloneSpan = spanOf(MetadataLayout.active().words(-1L));
    /** Data up to this length is cloned with word moves; longer data through the bulk copy. */
    private static final int SMALL_COPY = 256;

    private final int index;
    private final long base;
    /**
     * {@code ADDRESS + base}: with the slot's native address in a field, an access is one load at
     * a constant displacement from it, where {@code ADDRESS + base + offset} took a 64-bit
     * constant and an add per access in compiled code.
     */
    private final long address;
    boolean free = true;

    Packet(int index, long base) {
        this.index = index;
        this.base = base;
        this.address = ADDRESS + base;
    }

    /** Slot number in the pool. */
    public int index() {
        return index;
    }

    /** Offset of the slot in {@link PacketMemory#MEMORY}: the start of the metadata area. */
    public long slotBase() {
        return base;
    }

    /** Native address of the slot, the start of its metadata: {@link PacketMemory#ADDRESS} plus {@link #slotBase()}. */
    public long slotAddress() {
        return address;
    }

    /** Offset in {@link PacketMemory#MEMORY} of the first data byte. */
    public long dataAddress() {
        return base + METADATA_SIZE + dataOffset();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Returns the packet to the pool. Using the handle afterwards is a bug. */
    public void kill() {
        PacketPool.release(this);
    }

    /**
     * A copy of this packet (metadata and data) in a new slot, or {@code null} when the pool is
     * exhausted. It costs what the packet holds: the metadata words that hold the fields clones
     * copy ({@link CloneFields}: every field of the active layout, or, once a router's code is
     * specialized, only those some element of it reads) and the packet's data, with word moves for
     * short packets. Other metadata bytes of the copy are left as its slot had them.
     */
    @Override
    public Packet clone() {
        Packet copy = PacketPool.allocUncleared();
        if (copy == null) {
            return null;
        }
        long from = address;
        copy.copyIn(from, from + METADATA_SIZE + dataOffset());
        return copy;
    }

    /**
     * A new packet made from an image that {@link PacketImages} keeps (metadata at {@code image},
     * data right after it), as {@link #clone()} makes one from a packet; {@code null} if the pool
     * is exhausted.
     */
    static Packet fromImage(long image) {
        Packet copy = PacketPool.allocUncleared();
        if (copy == null) {
            return null;
        }
        copy.copyIn(image, image + METADATA_SIZE);
        return copy;
    }

    /**
     * Writes the clone words of the metadata at native address {@code meta} into this packet's
     * slot, then its length of data from native address {@code data} to its data offset (both
     * read from the copied metadata).
     */
    private void copyIn(long meta, long data) {
        long to = address;
        int span = cloneSpan;
        for (int at = span >>> 16, end = span & 0xFFFF; at < end; at += 8) {
            UnsafeApi.putLong(to + at, UnsafeApi.getLong(meta + at));
        }
        int off = dataOffset();
        int len = length();
        long dst = to + METADATA_SIZE + off;
        int rounded = (len + 7) & -8;
        if (len <= SMALL_COPY && off + rounded <= BUFFER_SIZE) {
            // Up to 7 bytes past the end are copied too: still the slot's own buffer (an image
            // keeps its data rounded up to 8 bytes).
            for (int i = 0; i < rounded; i += 8) {
                UnsafeApi.putLong(dst + i, UnsafeApi.getLong(data + i));
            }
        } else {
            UnsafeApi.copyMemory(data, dst, len);
        }
    }

    /** The {@link #cloneSpan} of a set of metadata words (bit i: bytes 8i..8i+7; not 0). */
    static int spanOf(long words) {
        int from = Long.numberOfTrailingZeros(words) << 3;
        int to = (64 - Long.numberOfLeadingZeros(words)) << 3;
        return from << 16 | to;
    }

    /** Bytes an image of a packet of {@code length} bytes takes in {@link PacketImages}. */
    static long imageSize(int length) {
        return METADATA_SIZE + ((length + 7) & -8);
    }

    /** Writes this packet's image (its whole metadata, then its data) at native address {@code image}. */
    void writeImage(long image) {
        long from = address;
        UnsafeApi.copyMemory(from, image, METADATA_SIZE);
        UnsafeApi.copyMemory(from + METADATA_SIZE + dataOffset(), image + METADATA_SIZE, length());
    }

    /** Click's uniqueify: clones are never shared here, so this packet is already writable. */
    public Packet uniqueify() {
        return this;
    }

    /** Clears all metadata and sets an empty packet with the default headroom. */
    void reset() {
        long a = base;
        for (int i = 0; i < METADATA_SIZE; i += 8) {
            UnsafeApi.putLong(ADDRESS + a + i, 0L);
        }
        setDataOffset(HEADROOM);
    }

    // ------------------------------------------------------------------ buffer geometry

    /** Offset of the first data byte from the start of the buffer (equals the headroom). */
    public int dataOffset() {
        return UnsafeApi.getShort(address + offsets[MetadataField.DATA_OFFSET_ID]) & 0xFFFF;
    }

    void setDataOffset(int offset) {
        UnsafeApi.putShort(address + offsets[MetadataField.DATA_OFFSET_ID], (short) offset);
    }

    /** Length of the packet data in bytes. */
    public int length() {
        return UnsafeApi.getInt(address + offsets[MetadataField.LENGTH_ID]);
    }

    /** Sets the length directly (drivers and sources filling a fresh buffer). */
    public void setLength(int length) {
        if (length < 0 || dataOffset() + length > BUFFER_SIZE) {
            throw new IllegalArgumentException("length " + length + " does not fit the buffer");
        }
        UnsafeApi.putInt(address + offsets[MetadataField.LENGTH_ID], length);
    }

    /** Bytes available before the data. */
    public int headroom() {
        return dataOffset();
    }

    /** Bytes available after the data. */
    public int tailroom() {
        return BUFFER_SIZE - dataOffset() - length();
    }

    /** Largest length a packet can have with zero headroom. */
    public static int capacity() {
        return BUFFER_SIZE;
    }

    /**
     * Prepends {@code n} bytes (uninitialized) to the data, as Click's {@code push}. If the
     * headroom is too small but the buffer has room, the data is moved back first (slow path).
     *
     * @return false, leaving the packet unchanged, if the buffer cannot hold {@code n} more bytes
     */
    public boolean push(int n) {
        int off = dataOffset();
        int len = length();
        if (n > off) {
            if (n + len > BUFFER_SIZE) {
                return false;
            }
            int newOff = Math.min(n + HEADROOM, BUFFER_SIZE - len);
            MemorySegment.copy(MEMORY, base + METADATA_SIZE + off, MEMORY, base + METADATA_SIZE + newOff, len);
            shiftHeaders(newOff - off);
            off = newOff;
        }
        setDataOffset(off - n);
        UnsafeApi.putInt(address + offsets[MetadataField.LENGTH_ID], len + n);
        return true;
    }

    /** Removes {@code n} bytes from the front (at most the length), as Click's {@code pull}. */
    public void pull(int n) {
        int len = length();
        int k = Math.min(Math.max(n, 0), len);
        setDataOffset(dataOffset() + k);
        UnsafeApi.putInt(address + offsets[MetadataField.LENGTH_ID], len - k);
    }

    /**
     * Appends {@code n} bytes (uninitialized) to the data, as Click's {@code put}.
     *
     * @return false, leaving the packet unchanged, if the tailroom is too small
     */
    public boolean put(int n) {
        if (n > tailroom()) {
            return false;
        }
        UnsafeApi.putInt(address + offsets[MetadataField.LENGTH_ID], length() + n);
        return true;
    }

    /** Removes {@code n} bytes from the end (at most the length), as Click's {@code take}. */
    public void take(int n) {
        int len = length();
        UnsafeApi.putInt(address + offsets[MetadataField.LENGTH_ID], len - Math.min(Math.max(n, 0), len));
    }

    // ------------------------------------------------------------------ data access (network order)

    public int u8(int offset) {
        return UnsafeApi.getByte(at(offset, 1)) & 0xFF;
    }

    public int u16(int offset) {
        return net(UnsafeApi.getShort(at(offset, 2))) & 0xFFFF;
    }

    /** Four bytes as a big-endian int (use {@code Integer.toUnsignedLong} for the unsigned value). */
    public int u32(int offset) {
        return net(UnsafeApi.getInt(at(offset, 4)));
    }

    public long u64(int offset) {
        return net(UnsafeApi.getLong(at(offset, 8)));
    }

    public void setU8(int offset, int value) {
        UnsafeApi.putByte(at(offset, 1), (byte) value);
    }

    public void setU16(int offset, int value) {
        UnsafeApi.putShort(at(offset, 2), net((short) value));
    }

    public void setU32(int offset, int value) {
        UnsafeApi.putInt(at(offset, 4), net(value));
    }

    public void setU64(int offset, long value) {
        UnsafeApi.putLong(at(offset, 8), net(value));
    }

    /**
     * Raw address of the {@code size} bytes at data offset {@code offset}. With
     * {@link #CHECK_BOUNDS} they must lie in this packet's buffer (headroom, data and tailroom).
     * Without, the position is kept in a {@value #DATA_WINDOW}-byte window from the buffer's start,
     * which the pool backs with memory: a wrong offset reads or writes wrong bytes, but never
     * outside the packet memory.
     *
     * @throws IndexOutOfBoundsException with {@link #CHECK_BOUNDS}, if the bytes are not in the buffer
     */
    private long at(int offset, int size) {
        int pos = dataOffset() + offset;
        if (CHECK_BOUNDS && Integer.compareUnsigned(pos, BUFFER_SIZE - size) > 0) {
            throw outsideBuffer(offset, size, pos - offset);
        }
        return address + METADATA_SIZE + (pos & (DATA_WINDOW - 1));
    }

    /** The exception of a data access outside the buffer (public for specialized copies of the accessors). */
    public static IndexOutOfBoundsException outsideBuffer(int offset, int size, int headroom) {
        return new IndexOutOfBoundsException("packet data access of " + size + " bytes at offset " + offset
                + " is outside the buffer (headroom " + headroom + ", buffer " + BUFFER_SIZE + " bytes)");
    }

    // Network order from and to the native order of raw accesses.
    static short net(short v) {
        return BIG_ENDIAN ? v : Short.reverseBytes(v);
    }

    static int net(int v) {
        return BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static long net(long v) {
        return BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    /**
     * With {@link #CHECK_BOUNDS}: throws unless the {@code len} bytes at data offset {@code offset}
     * lie in this packet's buffer, as the single accesses do. The bulk copies below check so, so that
     * a length misjudged by an element cannot reach another packet's slot unnoticed in the tests.
     */
    private void checkRange(int offset, int len) {
        if (CHECK_BOUNDS) {
            int pos = dataOffset() + offset;
            if (len < 0 || pos < 0 || pos > BUFFER_SIZE - len) {
                throw outsideBuffer(offset, len, pos - offset);
            }
        }
    }

    /** Copies {@code len} bytes from {@code src[srcOff..]} into the data at {@code offset}. */
    public void copyIn(int offset, byte[] src, int srcOff, int len) {
        checkRange(offset, len);
        MemorySegment.copy(src, srcOff, MEMORY, ValueLayout.JAVA_BYTE, dataAddress() + offset, len);
    }

    /** Copies {@code len} data bytes starting at {@code offset} into {@code dst[dstOff..]}. */
    public void copyOut(int offset, byte[] dst, int dstOff, int len) {
        checkRange(offset, len);
        MemorySegment.copy(MEMORY, ValueLayout.JAVA_BYTE, dataAddress() + offset, dst, dstOff, len);
    }

    /** Copies {@code len} data bytes at {@code offset} into {@code dst}'s data at {@code dstOffset}. */
    public void copyTo(int offset, Packet dst, int dstOffset, int len) {
        checkRange(offset, len);
        dst.checkRange(dstOffset, len);
        MemorySegment.copy(MEMORY, dataAddress() + offset, MEMORY, dst.dataAddress() + dstOffset, len);
    }

    /**
     * Click's {@code copy_annotations}: takes every annotation of {@code from} (built-in and
     * named) but keeps this packet's own buffer geometry and header positions.
     */
    public void copyAnnotationsFrom(Packet from) {
        int off = dataOffset();
        int len = length();
        int mac = header(MetadataField.MAC_HEADER_ID);
        int net = header(MetadataField.NETWORK_HEADER_ID);
        int trans = header(MetadataField.TRANSPORT_HEADER_ID);
        MemorySegment.copy(MEMORY, from.base, MEMORY, base, METADATA_SIZE);
        setDataOffset(off);
        UnsafeApi.putInt(address + offsets[MetadataField.LENGTH_ID], len);
        setHeader(MetadataField.MAC_HEADER_ID, mac);
        setHeader(MetadataField.NETWORK_HEADER_ID, net);
        setHeader(MetadataField.TRANSPORT_HEADER_ID, trans);
    }

    /** Moves {@code len} data bytes from {@code from} to {@code to} (overlap allowed). */
    public void moveData(int from, int to, int len) {
        checkRange(from, len);
        checkRange(to, len);
        long d = dataAddress();
        MemorySegment.copy(MEMORY, d + from, MEMORY, d + to, len);
    }

    /**
     * Moves the data {@code delta} bytes further into the buffer (back towards its start if
     * negative), as Click's {@code shift_data}: the MAC, network and transport header positions
     * move with it, and so do the bytes of headers that start before the data (a stripped
     * Ethernet header). Length and contents are unchanged; only where they sit changes.
     *
     * @return false, leaving the packet unchanged, if the buffer has no room for the move
     */
    public boolean shiftData(int delta) {
        int off = dataOffset();
        int start = headerBefore(MetadataField.MAC_HEADER_ID, off);
        start = headerBefore(MetadataField.NETWORK_HEADER_ID, start);
        start = headerBefore(MetadataField.TRANSPORT_HEADER_ID, start);
        int end = off + length();
        if (start + delta < 0 || end + delta > BUFFER_SIZE) {
            return false;
        }
        if (delta != 0) {
            long b = base + METADATA_SIZE;
            MemorySegment.copy(MEMORY, b + start, MEMORY, b + start + delta, end - start);
            setDataOffset(off + delta);
            shiftHeaders(delta);
        }
        return true;
    }

    /** The position of header {@code fieldId} if it is set and before {@code pos}, else {@code pos}. */
    private int headerBefore(int fieldId, int pos) {
        int h = header(fieldId);
        return h >= 0 && h < pos ? h : pos;
    }

    /** The data as a new array (tests and slow paths; allocates). */
    public byte[] toByteArray() {
        byte[] b = new byte[length()];
        copyOut(0, b, 0, b.length);
        return b;
    }

    /** Replaces the data with {@code bytes} at the default headroom (tests and slow paths). */
    public void setData(byte[] bytes) {
        setDataOffset(HEADROOM);
        setLength(bytes.length);
        copyIn(0, bytes, 0, bytes.length);
    }

    // ------------------------------------------------------------------ header positions
    // Stored as buffer position + 1, so that the all-zero metadata of a fresh packet means "unset".

    private int header(int fieldId) {
        return (UnsafeApi.getShort(address + offsets[fieldId]) & 0xFFFF) - 1;
    }

    private void setHeader(int fieldId, int bufferPos) {
        UnsafeApi.putShort(address + offsets[fieldId], (short) (bufferPos + 1));
    }

    private void shiftHeaders(int delta) {
        shiftHeader(MetadataField.MAC_HEADER_ID, delta);
        shiftHeader(MetadataField.NETWORK_HEADER_ID, delta);
        shiftHeader(MetadataField.TRANSPORT_HEADER_ID, delta);
    }

    private void shiftHeader(int fieldId, int delta) {
        int h = header(fieldId);
        if (h >= 0) {
            setHeader(fieldId, h + delta);
        }
    }

    public boolean hasMacHeader() {
        return header(MetadataField.MAC_HEADER_ID) >= 0;
    }

    /** MAC header position relative to the data start (negative if before it); undefined if unset. */
    public int macHeaderOffset() {
        return header(MetadataField.MAC_HEADER_ID) - dataOffset();
    }

    /** Sets the MAC header at {@code offset} bytes from the data start. */
    public void setMacHeader(int offset) {
        setHeader(MetadataField.MAC_HEADER_ID, dataOffset() + offset);
    }

    public boolean hasNetworkHeader() {
        return header(MetadataField.NETWORK_HEADER_ID) >= 0;
    }

    /** Network header position relative to the data start; undefined if unset. */
    public int networkHeaderOffset() {
        return header(MetadataField.NETWORK_HEADER_ID) - dataOffset();
    }

    /**
     * Sets the network header at {@code offset} from the data start, {@code length} bytes long;
     * the transport header follows it (Click's {@code set_network_header}).
     */
    public void setNetworkHeader(int offset, int length) {
        int pos = dataOffset() + offset;
        setHeader(MetadataField.NETWORK_HEADER_ID, pos);
        setHeader(MetadataField.TRANSPORT_HEADER_ID, pos + length);
    }

    /** Length of the network header (transport header minus network header). */
    public int networkHeaderLength() {
        return header(MetadataField.TRANSPORT_HEADER_ID) - header(MetadataField.NETWORK_HEADER_ID);
    }

    public boolean hasTransportHeader() {
        return header(MetadataField.TRANSPORT_HEADER_ID) >= 0;
    }

    /** Transport header position relative to the data start; undefined if unset. */
    public int transportHeaderOffset() {
        return header(MetadataField.TRANSPORT_HEADER_ID) - dataOffset();
    }

    public void setTransportHeader(int offset) {
        setHeader(MetadataField.TRANSPORT_HEADER_ID, dataOffset() + offset);
    }

    /** Clears the MAC, network and transport header positions. */
    public void clearHeaders() {
        setHeader(MetadataField.MAC_HEADER_ID, -1);
        setHeader(MetadataField.NETWORK_HEADER_ID, -1);
        setHeader(MetadataField.TRANSPORT_HEADER_ID, -1);
    }

    // ------------------------------------------------------------------ annotations

    public int packetType() {
        return UnsafeApi.getByte(address + offsets[MetadataField.PACKET_TYPE_ID]);
    }

    public void setPacketType(int type) {
        UnsafeApi.putByte(address + offsets[MetadataField.PACKET_TYPE_ID], (byte) type);
    }

    public int inputDevice() {
        return UnsafeApi.getShort(address + offsets[MetadataField.INPUT_DEVICE_ID]) & 0xFFFF;
    }

    public void setInputDevice(int device) {
        UnsafeApi.putShort(address + offsets[MetadataField.INPUT_DEVICE_ID], (short) device);
    }

    public int inputQueue() {
        return UnsafeApi.getShort(address + offsets[MetadataField.INPUT_QUEUE_ID]) & 0xFFFF;
    }

    public void setInputQueue(int queue) {
        UnsafeApi.putShort(address + offsets[MetadataField.INPUT_QUEUE_ID], (short) queue);
    }

    /** Timestamp, nanoseconds since the epoch (0 if unset). */
    public long timestampNanos() {
        return UnsafeApi.getLong(address + offsets[MetadataField.TIMESTAMP_ID]);
    }

    public void setTimestampNanos(long nanos) {
        UnsafeApi.putLong(address + offsets[MetadataField.TIMESTAMP_ID], nanos);
    }

    public long firstTimestampNanos() {
        return UnsafeApi.getLong(address + offsets[MetadataField.FIRST_TIMESTAMP_ID]);
    }

    public void setFirstTimestampNanos(long nanos) {
        UnsafeApi.putLong(address + offsets[MetadataField.FIRST_TIMESTAMP_ID], nanos);
    }

    public int vlanTci() {
        return UnsafeApi.getShort(address + offsets[MetadataField.VLAN_TCI_ID]) & 0xFFFF;
    }

    public void setVlanTci(int tci) {
        UnsafeApi.putShort(address + offsets[MetadataField.VLAN_TCI_ID], (short) tci);
    }

    public int rssHash() {
        return UnsafeApi.getInt(address + offsets[MetadataField.RSS_HASH_ID]);
    }

    public void setRssHash(int hash) {
        UnsafeApi.putInt(address + offsets[MetadataField.RSS_HASH_ID], hash);
    }

    public int aggregate() {
        return UnsafeApi.getInt(address + offsets[MetadataField.AGGREGATE_ID]);
    }

    public void setAggregate(int value) {
        UnsafeApi.putInt(address + offsets[MetadataField.AGGREGATE_ID], value);
    }

    /** Destination IP annotation, 10.0.0.1 = 0x0A000001. */
    public int dstIpAnno() {
        return UnsafeApi.getInt(address + offsets[MetadataField.DST_IP_ID]);
    }

    public void setDstIpAnno(int ip) {
        UnsafeApi.putInt(address + offsets[MetadataField.DST_IP_ID], ip);
    }

    public int paint() {
        return UnsafeApi.getByte(address + offsets[MetadataField.PAINT_ID]) & 0xFF;
    }

    public void setPaint(int color) {
        UnsafeApi.putByte(address + offsets[MetadataField.PAINT_ID], (byte) color);
    }

    public int icmpParamProb() {
        return UnsafeApi.getByte(address + offsets[MetadataField.ICMP_PARAM_PROB_ID]) & 0xFF;
    }

    public void setIcmpParamProb(int pointer) {
        UnsafeApi.putByte(address + offsets[MetadataField.ICMP_PARAM_PROB_ID], (byte) pointer);
    }

    public boolean fixIpSrc() {
        return UnsafeApi.getByte(address + offsets[MetadataField.FIX_IP_SRC_ID]) != 0;
    }

    public void setFixIpSrc(boolean fix) {
        UnsafeApi.putByte(address + offsets[MetadataField.FIX_IP_SRC_ID], (byte) (fix ? 1 : 0));
    }

    public int sequence() {
        return UnsafeApi.getInt(address + offsets[MetadataField.SEQUENCE_ID]);
    }

    public void setSequence(int seq) {
        UnsafeApi.putInt(address + offsets[MetadataField.SEQUENCE_ID], seq);
    }

    public int flowId() {
        return UnsafeApi.getInt(address + offsets[MetadataField.FLOW_ID_ID]);
    }

    public void setFlowId(int id) {
        UnsafeApi.putInt(address + offsets[MetadataField.FLOW_ID_ID], id);
    }

    // ------------------------------------------------------------------ named annotations

    /** Value of a named annotation, zero-extended into a long (any size). */
    public long anno(MetadataField field) {
        return readField(base + offsets[field.id()], field.size());
    }

    /** Sets a named annotation (the value is truncated to the field's size). */
    public void setAnno(MetadataField field, long value) {
        writeField(base + offsets[field.id()], field.size(), value);
    }

    static long readField(long address, int size) {
        return switch (size) {
            case 1 -> UnsafeApi.getByte(ADDRESS + address) & 0xFFL;
            case 2 -> UnsafeApi.getShort(ADDRESS + address) & 0xFFFFL;
            case 4 -> UnsafeApi.getInt(ADDRESS + address) & 0xFFFF_FFFFL;
            default -> UnsafeApi.getLong(ADDRESS + address);
        };
    }

    static void writeField(long address, int size, long value) {
        switch (size) {
            case 1 -> UnsafeApi.putByte(ADDRESS + address, (byte) value);
            case 2 -> UnsafeApi.putShort(ADDRESS + address, (short) value);
            case 4 -> UnsafeApi.putInt(ADDRESS + address, (int) value);
            default -> UnsafeApi.putLong(ADDRESS + address, value);
        }
    }

    @Override
    public String toString() {
        return "Packet[" + index + (free ? ", free" : ", len " + length()) + "]";
    }
}
