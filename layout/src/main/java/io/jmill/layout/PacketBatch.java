package io.jmill.layout;

/**
 * A reusable, fixed-capacity list of packets: sources receive into one, tasks hand it on, and
 * it is cleared and reused for the next batch. It never allocates after construction.
 *
 * <p>Only the batch's owner (the task that fills it) {@link #add adds}; an element handed the
 * batch changes only the packets below the size it was handed, so a classifier can hand the
 * front of a batch on and go on with the packets after it.
 *
 * <pre>{@code
 * PacketBatch batch = new PacketBatch(32);   // once, per task
 * ...
 * batch.clear();
 * while (!batch.isFull() && (p = PacketPool.alloc()) != null) batch.add(p);
 * for (int i = 0; i < batch.size(); i++) process(batch.get(i));
 * }</pre>
 */
public final class PacketBatch {
    private final Packet[] packets;
    private int size;

    public PacketBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be positive, not " + capacity);
        }
        packets = new Packet[capacity];
    }

    public int capacity() {
        return packets.length;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == packets.length;
    }

    public Packet get(int i) {
        return packets[i];
    }

    /** Replaces the packet at {@code i} (below {@link #size()}): elements compact a batch in place. */
    public void set(int i, Packet p) {
        packets[i] = p;
    }

    /**
     * Keeps the first {@code n} packets (at most {@link #size()}) and forgets the rest without
     * touching them: an element that compacted the batch in place, handing some packets elsewhere,
     * sets its new size.
     */
    public void truncate(int n) {
        size = n;
    }

    /** Appends {@code p}; the caller checks {@link #isFull()} first. */
    public void add(Packet p) {
        packets[size++] = p;
    }

    /** Empties the batch without touching the packets (they were handed on). */
    public void clear() {
        for (int i = 0; i < size; i++) {
            packets[i] = null;
        }
        size = 0;
    }

    /**
     * Kills the packets at {@code from} (inclusive) to {@code to} (exclusive) and forgets them,
     * leaving the size alone: an element that failed on one packet of a batch drops the ones it
     * still owned, so that none is lost to the pool.
     */
    public void kill(int from, int to) {
        for (int i = from; i < to; i++) {
            Packet p = packets[i];
            if (p != null) {
                p.kill();
                packets[i] = null;
            }
        }
    }

    /** Kills every packet in the batch and empties it. */
    public void killAll() {
        for (int i = 0; i < size; i++) {
            packets[i].kill();
            packets[i] = null;
        }
        size = 0;
    }
}
