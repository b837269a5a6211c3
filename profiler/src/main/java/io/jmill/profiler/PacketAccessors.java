package io.jmill.profiler;

import io.jmill.layout.MetadataField;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each {@code Packet} method (and {@code PacketPool.alloc}) reads and writes in a packet's
 * metadata, written down from their implementations in {@code io.jmill.layout}. The bytecode
 * analysis looks call sites up here; {@code PacketAccessorsTest} fails when {@code Packet} gains
 * a public method that is not listed, so a new accessor cannot go uncounted.
 *
 * <p>Two pseudo-fields stand for accesses that no single field describes:
 * {@value #NAMED} ({@code anno}/{@code setAnno}: which named annotation is only known at run
 * time) and {@value #ALL} (block copies or clears of the whole metadata area: {@code clone},
 * {@code copyAnnotationsFrom}, allocation).
 */
final class PacketAccessors {
    static final String PACKET = "io/jmill/layout/Packet";
    static final String POOL = "io/jmill/layout/PacketPool";

    /** Pseudo-field: some named annotation ({@code anno}, {@code setAnno}). */
    static final String NAMED = "named annotations";
    /** Pseudo-field: the whole metadata area at once. */
    static final String ALL = "all metadata";

    /** One access made by an accessor: a field, read or written. */
    record Access(String field, boolean write) {
    }

    private static final String DATA = MetadataField.DATA_OFFSET.name();
    private static final String LENGTH = MetadataField.LENGTH.name();
    private static final String MAC = MetadataField.MAC_HEADER.name();
    private static final String NET = MetadataField.NETWORK_HEADER.name();
    private static final String TRANSPORT = MetadataField.TRANSPORT_HEADER.name();

    private static final Map<String, List<Access>> PACKET_METHODS = new HashMap<>();
    private static final Map<String, List<Access>> POOL_METHODS = new HashMap<>();

    static {
        // No metadata: identity, life cycle, constants.
        none("index", "slotBase", "slotAddress", "kill", "uniqueify", "capacity", "outsideBuffer", "equals", "hashCode",
                "getClass", "notify", "notifyAll", "wait");

        // Buffer geometry and data. Every data accessor computes the address from data_offset.
        put("dataAddress", r(DATA));
        put("dataOffset", r(DATA));
        put("headroom", r(DATA));
        put("length", r(LENGTH));
        put("setLength", r(DATA), w(LENGTH));
        put("tailroom", r(DATA), r(LENGTH));
        put("push", r(DATA), r(LENGTH), w(DATA), w(LENGTH));
        put("pull", r(DATA), r(LENGTH), w(DATA), w(LENGTH));
        put("put", r(DATA), r(LENGTH), w(LENGTH));
        put("take", r(LENGTH), w(LENGTH));
        put("shiftData", r(DATA), r(LENGTH), r(MAC), r(NET), r(TRANSPORT), w(DATA), w(MAC), w(NET), w(TRANSPORT));
        for (String m : List.of("u8", "u16", "u32", "u64", "setU8", "setU16", "setU32", "setU64",
                "copyIn", "copyOut", "moveData")) {
            put(m, r(DATA));
        }
        put("copyTo", r(DATA), r(DATA)); // this packet's and the destination's
        put("toByteArray", r(DATA), r(LENGTH));
        put("setData", w(DATA), r(DATA), w(LENGTH));
        put("toString", r(LENGTH));
        put("clone", r(DATA), r(LENGTH), r(ALL), w(ALL));
        put("copyAnnotationsFrom", r(ALL), w(ALL), r(DATA), r(LENGTH), r(MAC), r(NET), r(TRANSPORT),
                w(DATA), w(LENGTH), w(MAC), w(NET), w(TRANSPORT));

        // Header positions (stored relative to the buffer, returned relative to the data).
        put("hasMacHeader", r(MAC));
        put("macHeaderOffset", r(MAC), r(DATA));
        put("setMacHeader", r(DATA), w(MAC));
        put("hasNetworkHeader", r(NET));
        put("networkHeaderOffset", r(NET), r(DATA));
        put("setNetworkHeader", r(DATA), w(NET), w(TRANSPORT));
        put("networkHeaderLength", r(TRANSPORT), r(NET));
        put("hasTransportHeader", r(TRANSPORT));
        put("transportHeaderOffset", r(TRANSPORT), r(DATA));
        put("setTransportHeader", r(DATA), w(TRANSPORT));
        put("clearHeaders", w(MAC), w(NET), w(TRANSPORT));

        // Annotations: one getter/setter pair per field.
        pair("packetType", "setPacketType", MetadataField.PACKET_TYPE);
        pair("inputDevice", "setInputDevice", MetadataField.INPUT_DEVICE);
        pair("inputQueue", "setInputQueue", MetadataField.INPUT_QUEUE);
        pair("timestampNanos", "setTimestampNanos", MetadataField.TIMESTAMP);
        pair("firstTimestampNanos", "setFirstTimestampNanos", MetadataField.FIRST_TIMESTAMP);
        pair("vlanTci", "setVlanTci", MetadataField.VLAN_TCI);
        pair("rssHash", "setRssHash", MetadataField.RSS_HASH);
        pair("aggregate", "setAggregate", MetadataField.AGGREGATE);
        pair("dstIpAnno", "setDstIpAnno", MetadataField.DST_IP);
        pair("paint", "setPaint", MetadataField.PAINT);
        pair("icmpParamProb", "setIcmpParamProb", MetadataField.ICMP_PARAM_PROB);
        pair("fixIpSrc", "setFixIpSrc", MetadataField.FIX_IP_SRC);
        pair("sequence", "setSequence", MetadataField.SEQUENCE);
        pair("flowId", "setFlowId", MetadataField.FLOW_ID);
        put("anno", r(NAMED));
        put("setAnno", w(NAMED));

        // The pool clears a slot's metadata and sets the default headroom on allocation.
        POOL_METHODS.put("alloc", List.of(w(ALL), w(DATA)));
    }

    private PacketAccessors() {
    }

    /**
     * What a call to {@code owner.name} touches: an empty list for methods that touch no
     * metadata, null for an owner this table does not describe or a {@code Packet} method it
     * does not know (the analysis reports those).
     */
    static List<Access> lookup(String owner, String name) {
        return switch (owner) {
            case PACKET -> PACKET_METHODS.get(name);
            case POOL -> POOL_METHODS.getOrDefault(name, List.of());
            default -> null;
        };
    }

    /** True if {@code Packet.name} is described (used by the completeness test). */
    static boolean knows(String packetMethod) {
        return PACKET_METHODS.containsKey(packetMethod);
    }

    private static void none(String... names) {
        for (String n : names) {
            PACKET_METHODS.put(n, List.of());
        }
    }

    private static void put(String name, Access... accesses) {
        PACKET_METHODS.put(name, List.of(accesses));
    }

    private static void pair(String getter, String setter, MetadataField field) {
        put(getter, r(field.name()));
        put(setter, w(field.name()));
    }

    private static Access r(String field) {
        return new Access(field, false);
    }

    private static Access w(String field) {
        return new Access(field, true);
    }
}
