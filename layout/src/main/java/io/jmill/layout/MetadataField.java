package io.jmill.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One packet-metadata field: a name, a size in bytes and a dense id. The built-in fields mirror
 * FastClick's annotations; elements register further named annotations with {@link #register}.
 *
 * <p>A field says nothing about where it lives: that is the job of a {@link MetadataLayout}.
 * Fields are identity objects; there is one per name for the life of the process.
 */
public final class MetadataField {
    /** Upper bound on the number of fields, built-in and named; layouts size their tables by it. */
    public static final int MAX_FIELDS = 64;

    private static final List<MetadataField> ALL = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, MetadataField> BY_NAME = new ConcurrentHashMap<>();

    // Ids of the built-in fields are compile-time constants so that accessors index the active
    // layout's offset table with a constant.
    static final int DATA_OFFSET_ID = 0;
    static final int LENGTH_ID = 1;
    static final int MAC_HEADER_ID = 2;
    static final int NETWORK_HEADER_ID = 3;
    static final int TRANSPORT_HEADER_ID = 4;
    static final int PACKET_TYPE_ID = 5;
    static final int INPUT_DEVICE_ID = 6;
    static final int INPUT_QUEUE_ID = 7;
    static final int TIMESTAMP_ID = 8;
    static final int VLAN_TCI_ID = 9;
    static final int RSS_HASH_ID = 10;
    static final int AGGREGATE_ID = 11;
    static final int DST_IP_ID = 12;
    static final int PAINT_ID = 13;
    static final int ICMP_PARAM_PROB_ID = 14;
    static final int FIX_IP_SRC_ID = 15;
    static final int SEQUENCE_ID = 16;
    static final int FLOW_ID_ID = 17;
    static final int FIRST_TIMESTAMP_ID = 18;

    /** Offset of the first data byte from the start of the slot's buffer (headroom size). */
    public static final MetadataField DATA_OFFSET = builtin("data_offset", 2, DATA_OFFSET_ID);
    /** Packet length in bytes. */
    public static final MetadataField LENGTH = builtin("length", 4, LENGTH_ID);
    /** MAC header position in the buffer, or unset. */
    public static final MetadataField MAC_HEADER = builtin("mac_header", 2, MAC_HEADER_ID);
    /** Network (IP) header position in the buffer, or unset. */
    public static final MetadataField NETWORK_HEADER = builtin("network_header", 2, NETWORK_HEADER_ID);
    /** Transport header position in the buffer, or unset. */
    public static final MetadataField TRANSPORT_HEADER = builtin("transport_header", 2, TRANSPORT_HEADER_ID);
    /** Click packet type: HOST, BROADCAST, MULTICAST, OTHERHOST, OUTGOING, LOOPBACK. */
    public static final MetadataField PACKET_TYPE = builtin("packet_type", 1, PACKET_TYPE_ID);
    /** Index of the device the packet arrived on. */
    public static final MetadataField INPUT_DEVICE = builtin("input_device", 2, INPUT_DEVICE_ID);
    /** Receive queue the packet arrived on. */
    public static final MetadataField INPUT_QUEUE = builtin("input_queue", 2, INPUT_QUEUE_ID);
    /** Timestamp in nanoseconds since the epoch. */
    public static final MetadataField TIMESTAMP = builtin("timestamp", 8, TIMESTAMP_ID);
    /** VLAN tag control information. */
    public static final MetadataField VLAN_TCI = builtin("vlan_tci", 2, VLAN_TCI_ID);
    /** RSS hash reported by the NIC. */
    public static final MetadataField RSS_HASH = builtin("rss_hash", 4, RSS_HASH_ID);
    /** Aggregate annotation (Click's AGGREGATE_ANNO). */
    public static final MetadataField AGGREGATE = builtin("aggregate", 4, AGGREGATE_ID);
    /** Destination IP annotation (next hop), as a big-endian int. */
    public static final MetadataField DST_IP = builtin("dst_ip", 4, DST_IP_ID);
    /** Paint annotation (one byte). */
    public static final MetadataField PAINT = builtin("paint", 1, PAINT_ID);
    /** ICMP parameter-problem pointer annotation. */
    public static final MetadataField ICMP_PARAM_PROB = builtin("icmp_param_prob", 1, ICMP_PARAM_PROB_ID);
    /** Fix-IP-source annotation (a flag). */
    public static final MetadataField FIX_IP_SRC = builtin("fix_ip_src", 1, FIX_IP_SRC_ID);
    /** Sequence number annotation. */
    public static final MetadataField SEQUENCE = builtin("sequence", 4, SEQUENCE_ID);
    /** Flow id annotation (set by flow managers). */
    public static final MetadataField FLOW_ID = builtin("flow_id", 4, FLOW_ID_ID);
    /** First-timestamp annotation, nanoseconds. */
    public static final MetadataField FIRST_TIMESTAMP = builtin("first_timestamp", 8, FIRST_TIMESTAMP_ID);

    /** Number of built-in fields; named annotations get ids from here on. */
    public static final int BUILTIN_COUNT = 19;

    private final String name;
    private final int size;
    private final int id;
    private final boolean named;

    private MetadataField(String name, int size, int id, boolean named) {
        this.name = name;
        this.size = size;
        this.id = id;
        this.named = named;
    }

    private static MetadataField builtin(String name, int size, int id) {
        MetadataField f = new MetadataField(name, size, id, false);
        ALL.add(f);
        BY_NAME.put(name, f);
        return f;
    }

    /**
     * Registers (or returns the already registered) named annotation of {@code size} bytes
     * (1, 2, 4 or 8). Elements call this while they are configured, e.g.
     * {@code MetadataField.register("my_flag", 1)}; the generic layout places the field in its
     * named-annotation area.
     *
     * @throws IllegalArgumentException if the name is taken with another size, the size is not
     *     1/2/4/8, or the named-annotation area is full
     */
    public static MetadataField register(String name, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("annotation '" + name + "': size must be 1, 2, 4 or 8 bytes, not " + size);
        }
        synchronized (ALL) {
            MetadataField existing = BY_NAME.get(name);
            if (existing != null) {
                if (existing.size != size) {
                    throw new IllegalArgumentException("annotation '" + name + "' is already registered with size "
                            + existing.size + ", not " + size);
                }
                return existing;
            }
            if (ALL.size() >= MAX_FIELDS) {
                throw new IllegalArgumentException("too many metadata fields (at most " + MAX_FIELDS + ")");
            }
            MetadataField f = new MetadataField(name, size, ALL.size(), true);
            MetadataLayout.placeNamedInGeneric(f);
            ALL.add(f);
            BY_NAME.put(name, f);
            CloneFields.update(); // clones copy the new field's word too
            return f;
        }
    }

    /** The field of that name, or null. */
    public static MetadataField byName(String name) {
        return BY_NAME.get(name);
    }

    /** The field with that id. */
    public static MetadataField byId(int id) {
        return ALL.get(id);
    }

    /** All fields registered so far, built-in first, in id order. */
    public static List<MetadataField> all() {
        synchronized (ALL) {
            return List.copyOf(ALL);
        }
    }

    public String name() {
        return name;
    }

    /** Size in bytes. */
    public int size() {
        return size;
    }

    /** Dense id, usable as an index into per-field tables of {@link #MAX_FIELDS} entries. */
    public int id() {
        return id;
    }

    /** True for annotations registered by elements, false for the built-in fields. */
    public boolean isNamed() {
        return named;
    }

    @Override
    public String toString() {
        return name;
    }
}
