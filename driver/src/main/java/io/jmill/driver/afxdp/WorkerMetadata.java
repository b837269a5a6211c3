package io.jmill.driver.afxdp;

import io.jmill.driver.Xchange;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.util.TreeSet;

import static io.jmill.layout.PacketMemory.ADDRESS;

/**
 * The worker's way to write what {@link XdpProgram} writes: the same fields, values and layout
 * offsets, stored into the packet slot from Java after {@link FrameHeaders#parse}. Used when the
 * XDP program does not write metadata ({@code xdpMetadata false}: the measurement of X-Change in
 * XDP against metadata filled on the worker) and for frames that arrive without the current
 * program's stamp (written for an earlier layout or field set). A snapshot of one layout and field
 * mask, like {@link Xchange}.
 */
final class WorkerMetadata {
    private final MetadataLayout layout;
    private final long fields;
    private final int[] words;
    private final int dataOffset;
    private final int length;
    private final int mac;
    private final int network;
    private final int transport;
    private final int type;
    private final int device;
    private final int queue;
    private final int paint;
    private final int timestamp;
    private final int vlan;
    private final int rss;

    private WorkerMetadata(MetadataLayout layout, long fields, boolean paintQueue) {
        this.layout = layout;
        this.fields = fields;
        TreeSet<Integer> w = new TreeSet<>();
        for (MetadataField f : layout.fields()) {
            if (Xchange.reads(fields, f)) {
                w.add(layout.offset(f) & ~7);
            }
        }
        this.words = w.stream().mapToInt(Integer::intValue).toArray();
        this.dataOffset = layout.offset(MetadataField.DATA_OFFSET);
        this.length = layout.offset(MetadataField.LENGTH);
        this.mac = at(MetadataField.MAC_HEADER);
        this.network = at(MetadataField.NETWORK_HEADER);
        this.transport = at(MetadataField.TRANSPORT_HEADER);
        this.type = at(MetadataField.PACKET_TYPE);
        this.device = at(MetadataField.INPUT_DEVICE);
        this.queue = at(MetadataField.INPUT_QUEUE);
        this.paint = paintQueue ? at(MetadataField.PAINT) : MetadataLayout.ABSENT;
        this.timestamp = at(MetadataField.TIMESTAMP);
        this.vlan = at(MetadataField.VLAN_TCI);
        this.rss = at(MetadataField.RSS_HASH);
    }

    private int at(MetadataField f) {
        return Xchange.reads(fields, f) && layout.contains(f) ? layout.offset(f) : MetadataLayout.ABSENT;
    }

    /** {@code cached} if it was made for the active layout and {@code fields}, else a new snapshot. */
    static WorkerMetadata forActiveLayout(WorkerMetadata cached, long fields, boolean paintQueue) {
        MetadataLayout active = MetadataLayout.active();
        return cached != null && cached.layout == active && cached.fields == fields ? cached
                : new WorkerMetadata(active, fields, paintQueue);
    }

    /**
     * Writes the metadata of the frame of {@code len} bytes at {@code dataOffset} in the buffer of
     * the slot at {@code slotBase}, after {@code h} parsed it.
     */
    void write(long slotBase, int frameOffset, int len, int port, int q, long ts, FrameHeaders h) {
        long a = ADDRESS + slotBase;
        for (int w : words) {
            UnsafeApi.putLong(a + w, 0L);
        }
        UnsafeApi.putShort(a + dataOffset, (short) frameOffset);
        UnsafeApi.putInt(a + length, len);
        int stored = frameOffset + 1; // header positions are stored + 1
        if (mac != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + mac, (short) stored);
        }
        if (device != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + device, (short) port);
        }
        if (queue != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + queue, (short) q);
        }
        if (paint != MetadataLayout.ABSENT) {
            UnsafeApi.putByte(a + paint, (byte) q);
        }
        if (timestamp != MetadataLayout.ABSENT) {
            UnsafeApi.putLong(a + timestamp, ts);
        }
        if (type != MetadataLayout.ABSENT) {
            UnsafeApi.putByte(a + type, (byte) h.packetType);
        }
        if (vlan != MetadataLayout.ABSENT) {
            UnsafeApi.putShort(a + vlan, (short) h.vlanTci);
        }
        if (network != MetadataLayout.ABSENT && h.networkHeader >= 0) {
            UnsafeApi.putShort(a + network, (short) (stored + h.networkHeader));
        }
        if (transport != MetadataLayout.ABSENT && h.transportHeader >= 0) {
            UnsafeApi.putShort(a + transport, (short) (stored + h.transportHeader));
        }
        if (rss != MetadataLayout.ABSENT) {
            UnsafeApi.putInt(a + rss, h.rssHash);
        }
    }

    /** Buffer offset of the data in a slot, for callers that compute addresses. */
    static long dataAddress(long slotBase, int frameOffset) {
        return slotBase + PacketPool.METADATA_SIZE + frameOffset;
    }
}
