package io.jmill.driver;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import static io.jmill.layout.PacketMemory.ADDRESS;

/**
 * The XCHANGE model's per-packet work, shared by the drivers: write JMill's metadata and nothing
 * else ({@link #receive}); take a replacement buffer from the application ({@link #replacement});
 * give a transmitted buffer back ({@link #recycle}).
 *
 * <p>A buffer that comes back from the application carries the metadata of its previous life.
 * {@link #receive} first zeroes it (so that no annotation leaks into the next packet: every field
 * reads as in a freshly allocated packet), then sets the data offset and the fields the completion
 * gives, each as one raw store at the field's offset in the active layout (the offsets are final
 * fields of the snapshot, loaded once per burst). The zeroing is done when the packet is handed up,
 * not when its buffer is posted, so that the metadata cache lines are touched once, right before
 * the stores; it covers only the 8-byte words that hold fields the completion does not give.
 *
 * <p>PacketMill's X-Change goes further: the application tells the driver which metadata it
 * needs. A field mask ({@link #forActiveLayout(Xchange, long)}) does that here: the specializer
 * computes from the bytecode of every element which fields the graph can read, and the driver
 * then writes and clears only those; the others keep whatever the buffer's previous packet left,
 * which nothing reads. The default, {@link #ALL_FIELDS}, writes every field.
 *
 * <p>An instance is a snapshot of one layout ({@link #forActiveLayout}).
 */
public final class Xchange {
    /** Field mask meaning "the application may read every field": the driver writes them all. */
    public static final long ALL_FIELDS = -1L;
    /** The fields a completion gives, which {@link #receive} writes (when the application reads them). */
    public static final List<MetadataField> DRIVER_FIELDS = List.of(MetadataField.DATA_OFFSET, MetadataField.LENGTH,
            MetadataField.MAC_HEADER, MetadataField.PACKET_TYPE, MetadataField.INPUT_DEVICE, MetadataField.INPUT_QUEUE,
            MetadataField.TIMESTAMP, MetadataField.VLAN_TCI, MetadataField.RSS_HASH);

    private final MetadataLayout layout;
    private final long fields;
    private final int[] words;
    private final int dataOffset;
    private final int length;
    private final int macHeader;
    private final int packetType;
    private final int inputDevice;
    private final int inputQueue;
    private final int timestamp;
    private final int vlanTci;
    private final int rssHash;

    private Xchange(MetadataLayout layout, long fields) {
        this.layout = layout;
        this.fields = fields;
        TreeSet<Integer> w = new TreeSet<>();
        for (MetadataField f : layout.fields()) {
            if (reads(fields, f) && !DRIVER_FIELDS.contains(f)) {
                w.add(layout.offset(f) & ~7);
            }
        }
        this.words = w.stream().mapToInt(Integer::intValue).toArray();
        this.dataOffset = layout.offset(MetadataField.DATA_OFFSET);
        this.length = layout.offset(MetadataField.LENGTH);
        this.macHeader = place(layout, fields, MetadataField.MAC_HEADER);
        this.packetType = place(layout, fields, MetadataField.PACKET_TYPE);
        this.inputDevice = place(layout, fields, MetadataField.INPUT_DEVICE);
        this.inputQueue = place(layout, fields, MetadataField.INPUT_QUEUE);
        this.timestamp = place(layout, fields, MetadataField.TIMESTAMP);
        this.vlanTci = place(layout, fields, MetadataField.VLAN_TCI);
        this.rssHash = place(layout, fields, MetadataField.RSS_HASH);
    }

    /** True if mask {@code fields} says the application reads {@code f}. */
    public static boolean reads(long fields, MetadataField f) {
        return (fields & (1L << f.id())) != 0;
    }

    /** The mask of the given fields ({@code data_offset} and {@code length} are always written anyway). */
    public static long mask(Collection<MetadataField> fields) {
        long m = 0;
        for (MetadataField f : fields) {
            m |= 1L << f.id();
        }
        return m;
    }

    private static int place(MetadataLayout layout, long fields, MetadataField f) {
        return reads(fields, f) ? layout.offset(f) : MetadataLayout.ABSENT;
    }

    /** {@code cached} if it was made for the active layout and all fields, else a new snapshot. */
    public static Xchange forActiveLayout(Xchange cached) {
        return forActiveLayout(cached, ALL_FIELDS);
    }

    /**
     * {@code cached} if it was made for the active layout and field mask {@code fields}, else a
     * snapshot of the active layout that writes only the fields in {@code fields} (a bit per
     * {@link MetadataField#id()}; {@link #ALL_FIELDS} for all).
     */
    public static Xchange forActiveLayout(Xchange cached, long fields) {
        MetadataLayout active = MetadataLayout.active();
        return cached != null && cached.layout == active && cached.fields == fields ? cached
                : new Xchange(active, fields);
    }

    /** Number of 8-byte metadata words {@link #receive} zeroes. */
    public int wordsCleared() {
        return words.length;
    }

    /** Number of fields {@link #receive} stores, {@code data_offset} and {@code length} included. */
    public int fieldsWritten() {
        int n = 2;
        for (int o : new int[] {macHeader, packetType, inputDevice, inputQueue, timestamp, vlanTci, rssHash}) {
            n += o == MetadataLayout.ABSENT ? 0 : 1;
        }
        return n;
    }

    /**
     * Writes a completion into {@code p}'s metadata: zero the words of fields the application
     * reads and the completion does not give, then data offset, length and the other fields the
     * completion gives, each stored at its offset in the layout (fields the layout lacks or the
     * application does not read are skipped), with the encodings of the {@code Packet} setters.
     * {@code len} must fit the buffer after the default headroom; the caller (a driver) guarantees it.
     */
    public void receive(Packet p, int len, int port, int queue, int vlan, int rss, long ts, int cast) {
        long a = ADDRESS + p.slotBase();
        for (int w : words) {
            UnsafeApi.putLong(a + w, 0L);
        }
        UnsafeApi.putShort(a + dataOffset, (short) PacketPool.HEADROOM);
        UnsafeApi.putInt(a + length, len);
        if (macHeader != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + macHeader, (short) (PacketPool.HEADROOM + 1)); // header positions are stored + 1
        }
        if (packetType != MetadataLayout.ABSENT) {
            UnsafeApi.putByte(a + packetType, (byte) cast);
        }
        if (inputDevice != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + inputDevice, (short) port);
        }
        if (inputQueue != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + inputQueue, (short) queue);
        }
        if (timestamp != MetadataLayout.ABSENT) {
            UnsafeApi.putLong(a + timestamp, ts);
        }
        if (vlanTci != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + vlanTci, (short) vlan);
        }
        if (rssHash != MetadataLayout.ABSENT) {
            UnsafeApi.putInt(a + rssHash, rss);
        }
    }

    /**
     * A buffer to post in place of one handed up: from {@code list} when it has one (counted as
     * an exchange), else from the pool (counted as a pool refill); null if both are empty.
     */
    public static Packet replacement(ExchangeList list, QueueStats stats) {
        Packet p = list.take();
        if (p != null) {
            stats.exchangeTakes(1);
            return p;
        }
        p = PacketPool.alloc();
        if (p != null) {
            stats.poolAllocs(1);
        }
        return p;
    }

    /** Gives a transmitted buffer back to {@code list}, or to the pool when the list is full. */
    public static void recycle(ExchangeList list, Packet p, QueueStats stats) {
        if (list.give(p)) {
            stats.exchangeReturns(1);
        } else {
            p.kill();
            stats.poolFrees(1);
        }
    }
}
