package io.jmill.driver;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.lang.foreign.ValueLayout;
import java.util.TreeSet;

import static io.jmill.layout.PacketMemory.MEMORY;

/**
 * The XCHANGE model's per-packet work, shared by the drivers: write JMill's metadata and nothing
 * else ({@link #receive}); take a replacement buffer from the application ({@link #replacement});
 * give a transmitted buffer back ({@link #recycle}).
 *
 * <p>A buffer that comes back from the application carries the metadata of its previous life.
 * {@link #receive} first zeroes it (so that no annotation leaks into the next packet and the packet
 * looks exactly as if freshly allocated), then sets the data offset and the fields the completion
 * gives through the {@code Packet} setters; the specializer turns each setter into one store at a
 * constant offset of the planned layout. The zeroing is done when the packet is handed up, not
 * when its buffer is posted, so that the metadata cache lines are touched once, right before the
 * setters write them; and it covers only the 8-byte words that hold fields of the active layout
 * (9 of the 24 words of the generic layout, plus named annotations).
 *
 * <p>An instance is a snapshot of one layout ({@link #forActiveLayout}).
 */
public final class Xchange {
    private final MetadataLayout layout;
    private final int[] words;
    private final int dataOffset;

    private Xchange(MetadataLayout layout) {
        this.layout = layout;
        TreeSet<Integer> w = new TreeSet<>();
        for (MetadataField f : layout.fields()) {
            w.add(layout.offset(f) & ~7);
        }
        this.words = w.stream().mapToInt(Integer::intValue).toArray();
        this.dataOffset = layout.offset(MetadataField.DATA_OFFSET);
    }

    /** {@code cached} if it was made for the active layout, else a snapshot of the active layout. */
    public static Xchange forActiveLayout(Xchange cached) {
        MetadataLayout active = MetadataLayout.active();
        return cached != null && cached.layout == active ? cached : new Xchange(active);
    }

    /** Number of 8-byte metadata words {@link #receive} zeroes. */
    public int wordsCleared() {
        return words.length;
    }

    /** Writes a completion into {@code p}'s metadata: zero, data offset, then the layout's setters. */
    public void receive(Packet p, int len, int port, int queue, int vlan, int rss, long ts, int cast) {
        long b = p.slotBase();
        for (int w : words) {
            MEMORY.set(ValueLayout.JAVA_LONG_UNALIGNED, b + w, 0L);
        }
        MEMORY.set(ValueLayout.JAVA_SHORT_UNALIGNED, b + dataOffset, (short) PacketPool.HEADROOM);
        p.setLength(len);
        p.setMacHeader(0);
        p.setPacketType(cast);
        p.setInputDevice(port);
        p.setInputQueue(queue);
        p.setTimestampNanos(ts);
        p.setVlanTci(vlan);
        p.setRssHash(rss);
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
