package io.jmill.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable assignment of metadata fields to byte offsets inside a slot's metadata area
 * ({@link PacketPool#METADATA_SIZE} bytes).
 *
 * <p>{@link #generic()} is the default: a FastClick-like order spread over three cache lines
 * (buffer bookkeeping in the first, Click's annotation block in the second, header offsets and
 * device metadata in the third). Planned layouts, built with {@link #builder(String)}, may put
 * the hottest fields together in the first 64 bytes and leave out fields nobody uses.
 *
 * <p>Exactly one layout is active at a time ({@link #active()}); every {@link Packet} accessor
 * reads its offset from the active layout, so that code specialized for a layout can replace the
 * lookup with a constant.
 */
public final class MetadataLayout {
    /** Offset marking a field that the layout does not contain. */
    public static final int ABSENT = -1;

    private static final int NAMED_AREA_START = 96;
    private static final int NAMED_AREA_END = 128;
    private static int nextNamedOffset = NAMED_AREA_START;

    private static final MetadataLayout GENERIC = createGeneric();
    private static volatile MetadataLayout active = GENERIC;

    private final String name;
    // Indexed by field id; ABSENT where the layout has no place for a field. Never mutated after
    // construction, except that the generic layout receives places for named annotations as
    // elements register them (a slot that was ABSENT becomes assigned, never changes again).
    final int[] offsets;

    private MetadataLayout(String name, int[] offsets) {
        this.name = name;
        this.offsets = offsets;
    }

    private static MetadataLayout createGeneric() {
        int[] off = new int[MetadataField.MAX_FIELDS];
        Arrays.fill(off, ABSENT);
        // Line 0: buffer bookkeeping (FastClick keeps head/data/tail/end pointers here).
        off[MetadataField.DATA_OFFSET_ID] = 0;
        off[MetadataField.LENGTH_ID] = 4;
        off[MetadataField.SEQUENCE_ID] = 8;
        off[MetadataField.FIRST_TIMESTAMP_ID] = 16;
        // Line 1: Click's annotation block.
        off[MetadataField.DST_IP_ID] = 64;
        off[MetadataField.PAINT_ID] = 68;
        off[MetadataField.ICMP_PARAM_PROB_ID] = 69;
        off[MetadataField.VLAN_TCI_ID] = 70;
        off[MetadataField.FIX_IP_SRC_ID] = 72;
        off[MetadataField.AGGREGATE_ID] = 76;
        off[MetadataField.FLOW_ID_ID] = 80;
        // 96..127: named annotations, placed as elements register them.
        // Line 2: header offsets and device metadata.
        off[MetadataField.MAC_HEADER_ID] = 128;
        off[MetadataField.NETWORK_HEADER_ID] = 130;
        off[MetadataField.TRANSPORT_HEADER_ID] = 132;
        off[MetadataField.PACKET_TYPE_ID] = 134;
        off[MetadataField.INPUT_DEVICE_ID] = 136;
        off[MetadataField.INPUT_QUEUE_ID] = 138;
        off[MetadataField.RSS_HASH_ID] = 140;
        off[MetadataField.TIMESTAMP_ID] = 144;
        return new MetadataLayout("generic", off);
    }

    static void placeNamedInGeneric(MetadataField f) {
        if (active != GENERIC) {
            // The active (planned) layout has no place for a new field: its accessors would read
            // and write at offset ABSENT, in the slot in front. Register annotations first.
            throw new IllegalStateException("annotation '" + f.name() + "': cannot register a new metadata field while"
                    + " layout '" + active.name() + "' is active (only the generic layout takes new fields)");
        }
        int aligned = (nextNamedOffset + f.size() - 1) & -f.size();
        if (aligned + f.size() > NAMED_AREA_END) {
            throw new IllegalArgumentException("annotation '" + f.name() + "': the named-annotation area ("
                    + (NAMED_AREA_END - NAMED_AREA_START) + " bytes) is full");
        }
        GENERIC.offsets[f.id()] = aligned;
        nextNamedOffset = aligned + f.size();
    }

    /** The default layout. */
    public static MetadataLayout generic() {
        return GENERIC;
    }

    /** The layout every packet's metadata is currently stored in. */
    public static MetadataLayout active() {
        return active;
    }

    /**
     * Makes {@code layout} the active one. The caller must guarantee that no packet is in flight
     * and that every live packet's metadata has been rewritten into the new layout (see
     * {@link #convert}); the layout hot-swap does exactly that.
     */
    public static void activate(MetadataLayout layout) {
        active = layout;
        Packet.offsets = layout.offsets;
        CloneFields.update();
    }

    /** Name of the layout, e.g. {@code generic}. */
    public String name() {
        return name;
    }

    /** Offset of {@code field}, or {@link #ABSENT}. */
    public int offset(MetadataField field) {
        return offsets[field.id()];
    }

    public boolean contains(MetadataField field) {
        return offsets[field.id()] != ABSENT;
    }

    /** The fields this layout contains, ordered by offset. */
    public List<MetadataField> fields() {
        List<MetadataField> result = new ArrayList<>();
        for (MetadataField f : MetadataField.all()) {
            if (contains(f)) {
                result.add(f);
            }
        }
        result.sort(Comparator.comparingInt(this::offset));
        return result;
    }

    /**
     * The 8-byte words of the metadata area that hold the fields of {@code fields} (a mask of
     * field ids) that this layout contains, {@code data_offset} and {@code length} always: bit i
     * stands for bytes {@code 8i..8i+7}.
     */
    public long words(long fields) {
        long words = 0;
        for (MetadataField f : MetadataField.all()) {
            int o = offsets[f.id()];
            boolean wanted = (fields & (1L << f.id())) != 0 || f.id() == MetadataField.DATA_OFFSET_ID
                    || f.id() == MetadataField.LENGTH_ID;
            if (o != ABSENT && wanted) {
                for (int w = o >>> 3; w <= (o + f.size() - 1) >>> 3; w++) {
                    words |= 1L << w;
                }
            }
        }
        return words;
    }

    /** Number of distinct 64-byte cache lines the layout's fields touch. */
    public int cacheLines() {
        return (int) fields().stream().mapToInt(f -> offset(f) / 64).distinct().count();
    }

    /**
     * Copies the metadata of the slot at {@code slotBase} from layout {@code from} to layout
     * {@code to}, in place. Fields absent from {@code to} are dropped.
     */
    public static void convert(long slotBase, MetadataLayout from, MetadataLayout to) {
        long[] values = new long[MetadataField.MAX_FIELDS];
        List<MetadataField> fields = MetadataField.all();
        for (MetadataField f : fields) {
            if (from.contains(f)) {
                values[f.id()] = Packet.readField(slotBase + from.offset(f), f.size());
            }
        }
        PacketMemory.MEMORY.asSlice(slotBase, PacketPool.METADATA_SIZE).fill((byte) 0);
        for (MetadataField f : fields) {
            if (to.contains(f)) {
                Packet.writeField(slotBase + to.offset(f), f.size(), values[f.id()]);
            }
        }
    }

    /** A human-readable table: offset, size and name of each field. */
    public String describe() {
        StringBuilder sb = new StringBuilder("layout ").append(name).append(" (").append(cacheLines())
                .append(" cache lines)\n");
        for (MetadataField f : fields()) {
            sb.append(String.format("  %3d  %d  %s%n", offset(f), f.size(), f.name()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Starts a planned layout. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a layout field by field; checks for overlaps and bounds. */
    public static final class Builder {
        private final String name;
        private final int[] offsets = new int[MetadataField.MAX_FIELDS];
        private int next;

        private Builder(String name) {
            this.name = name;
            Arrays.fill(offsets, ABSENT);
        }

        /** Places {@code field} at the next offset aligned to its size. */
        public Builder append(MetadataField field) {
            int aligned = (next + field.size() - 1) & -field.size();
            return place(field, aligned);
        }

        /** Places {@code field} at {@code offset}. */
        public Builder place(MetadataField field, int offset) {
            if (offset < 0 || offset + field.size() > PacketPool.METADATA_SIZE) {
                throw new IllegalArgumentException(field + " at " + offset + " does not fit in "
                        + PacketPool.METADATA_SIZE + " bytes of metadata");
            }
            if (offset % field.size() != 0) {
                throw new IllegalArgumentException(field + " at " + offset + " is not aligned to its size");
            }
            for (MetadataField other : MetadataField.all()) {
                int o = offsets[other.id()];
                if (o != ABSENT && other != field && offset < o + other.size() && o < offset + field.size()) {
                    throw new IllegalArgumentException(field + " at " + offset + " overlaps " + other + " at " + o);
                }
            }
            offsets[field.id()] = offset;
            next = Math.max(next, offset + field.size());
            return this;
        }

        public MetadataLayout build() {
            if (offsets[MetadataField.DATA_OFFSET_ID] == ABSENT || offsets[MetadataField.LENGTH_ID] == ABSENT) {
                throw new IllegalArgumentException("layout " + name + " must contain data_offset and length");
            }
            return new MetadataLayout(name, offsets.clone());
        }
    }
}
