package io.jmill.elements.ethernet;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.driver.net.Addresses;

import io.jmill.layout.Packet;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

/**
 * ARPQuerier's table, after Click's ARPTable: IP address to Ethernet address entries, each with
 * the packets waiting for it, kept in age order (oldest update first) for expiry and capacity
 * limits.
 *
 * <p>Times are {@link #now()} nanoseconds. An entry is known while it holds a reply's address
 * and at most TIMEOUT has passed since that reply. Expired entries, with their waiting packets,
 * are removed lazily: whenever the table is changed or read by a handler, if TIMEOUT (plus one
 * second) has passed since the last sweep, which is how often Click's expiry timer runs.
 *
 * <p>Concurrency: one data-path thread and any number of handler threads. Every change takes the
 * write lock. The data path's common case, {@link #knownAddress}, reads under an optimistic stamp
 * and takes no lock; anything else it does goes through the locked methods. Packets are never
 * pushed under the lock (an element downstream could come back here); the methods hand them to
 * the caller instead.
 */
final class ArpTable {
    static final long SECOND = 1_000_000_000L;
    /** {@link #knownAddress} result: the caller must take the locked path. */
    static final long SLOW = -1;

    private static final int BUCKETS = 1024;

    /** Packets waiting for one entry, oldest first. */
    static final class Waiting {
        Packet[] packets = new Packet[4];
        int head;
        int count;

        void add(Packet p) {
            if (head + count == packets.length) {
                if (head > 0) {
                    System.arraycopy(packets, head, packets, 0, count);
                    Arrays.fill(packets, count, head + count, null);
                } else {
                    packets = Arrays.copyOf(packets, packets.length * 2);
                }
                head = 0;
            }
            packets[head + count++] = p;
        }

        Packet poll() {
            if (count == 0) {
                return null;
            }
            Packet p = packets[head];
            packets[head] = null;
            head = --count == 0 ? 0 : head + 1;
            return p;
        }
    }

    static final class Entry {
        final int ip;
        Entry hashNext;
        Entry older;
        Entry newer;
        long eth = Ether.BROADCAST;
        boolean known;
        long liveAt;
        long polledAt;
        int pollsSinceReply;
        /** Null while nothing waits (never empty). */
        Waiting waiting;

        Entry(int ip) {
            this.ip = ip;
        }

        int waitingCount() {
            return waiting == null ? 0 : waiting.count;
        }

        /** At most 10 queries a second, and one every 2 seconds after 10 unanswered ones (Click's rate). */
        boolean allowPoll(long now) {
            long gap = pollsSinceReply >= 10 ? 2 * SECOND : SECOND / 10;
            return now - polledAt >= gap;
        }

        void markPoll(long now) {
            polledAt = now;
            if (pollsSinceReply < 255) {
                pollsSinceReply++;
            }
        }
    }

    /** Entry lifetime in nanoseconds; 0: forever. */
    private final long timeout;
    /** Most waiting packets in all; 0: no limit. */
    private final int packetCapacity;
    /** Most entries; 0: no limit. */
    private final int entryCapacity;
    /** Most waiting packets per entry; 0: no limit. */
    private final int entryPacketCapacity;
    /** On overflow, waiting packets are cut to capacity - capacity / slimFactor. */
    private final int slimFactor;

    private final StampedLock lock = new StampedLock();
    private final Entry[] buckets = new Entry[BUCKETS];
    private Entry oldest;
    private Entry newest;
    private volatile int entries;
    private volatile int packets;
    private volatile long drops;
    private long nextSweep;
    private LongSupplier clock = WorkerClock::nanos;

    ArpTable(long timeout, int packetCapacity, int entryCapacity, int entryPacketCapacity, int slimFactor) {
        this.timeout = timeout;
        this.packetCapacity = packetCapacity;
        this.entryCapacity = entryCapacity;
        this.entryPacketCapacity = entryPacketCapacity;
        this.slimFactor = slimFactor;
        this.nextSweep = now() + timeout;
    }

    /** Replaces the clock (tests); the next sweep is due TIMEOUT after the new clock's now. */
    void clock(LongSupplier clock) {
        long stamp = lock.writeLock();
        try {
            this.clock = clock;
            nextSweep = clock.getAsLong() + timeout;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    long now() {
        return clock.getAsLong();
    }

    int count() {
        return entries;
    }

    int length() {
        return packets;
    }

    long drops() {
        return drops;
    }

    // ------------------------------------------------------------------ entries

    private static int bucket(int ip) {
        return (ip * 0x9E3779B9) >>> 22;
    }

    private Entry find(int ip) {
        for (Entry e = buckets[bucket(ip)]; e != null; e = e.hashNext) {
            if (e.ip == ip) {
                return e;
            }
        }
        return null;
    }

    private boolean expired(Entry e, long now) {
        return timeout != 0 && now - e.liveAt > timeout;
    }

    private boolean known(Entry e, long now) {
        return e.known && !expired(e, now);
    }

    /**
     * The Ethernet address for {@code ip} when the data path can send at once: the entry is
     * known, nothing waits on it, and no renewal query is due. Otherwise (or when a change is
     * under way) {@link #SLOW}. Takes no lock.
     */
    long knownAddress(int ip, long now, long pollTimeout) {
        long stamp = lock.tryOptimisticRead();
        if (stamp == 0) {
            return SLOW;
        }
        long result = SLOW;
        Entry e = find(ip);
        if (e != null && e.known && e.waiting == null) {
            long age = now - e.liveAt;
            if ((timeout == 0 || age <= timeout) && (pollTimeout == 0 || age < pollTimeout)) {
                result = e.eth;
            }
        }
        return lock.validate(stamp) ? result : SLOW;
    }

    private void link(Entry e) {
        int b = bucket(e.ip);
        e.hashNext = buckets[b];
        buckets[b] = e;
        appendNewest(e);
        entries++;
    }

    private void appendNewest(Entry e) {
        e.older = newest;
        e.newer = null;
        if (newest != null) {
            newest.newer = e;
        } else {
            oldest = e;
        }
        newest = e;
    }

    private void unlinkAge(Entry e) {
        if (e.older != null) {
            e.older.newer = e.newer;
        } else {
            oldest = e.newer;
        }
        if (e.newer != null) {
            e.newer.older = e.older;
        } else {
            newest = e.older;
        }
        e.older = null;
        e.newer = null;
    }

    /** Unlinks {@code e} and drops what waits on it. */
    private void delete(Entry e) {
        int b = bucket(e.ip);
        if (buckets[b] == e) {
            buckets[b] = e.hashNext;
        } else {
            for (Entry x = buckets[b]; x != null; x = x.hashNext) {
                if (x.hashNext == e) {
                    // e.hashNext stays, so that a lock-free reader standing on e can go on.
                    x.hashNext = e.hashNext;
                    break;
                }
            }
        }
        unlinkAge(e);
        entries--;
        dropWaiting(e);
    }

    private void dropWaiting(Entry e) {
        if (e.waiting != null) {
            for (Packet p; (p = e.waiting.poll()) != null; ) {
                p.kill();
                packets--;
                drops++;
            }
            e.waiting = null;
        }
    }

    /** The entry for {@code ip}, made (unknown, eligible for a query at once) if missing. */
    private Entry ensure(int ip, long now) {
        Entry e = find(ip);
        if (e == null) {
            if (entryCapacity != 0 && entries + 1 > entryCapacity) {
                slim(now, 1);
            }
            e = new Entry(ip);
            e.liveAt = now;
            e.polledAt = now - SECOND;
            link(e);
        }
        return e;
    }

    /**
     * Click's slim: deletes the oldest entries while they are expired or too many (counting
     * {@code extraEntries} about to be added), then, if too many packets wait, drops the oldest
     * entries' first waiting packets until the total is back to capacity - capacity / slimFactor.
     */
    private void slim(long now, int extraEntries) {
        while (oldest != null && (expired(oldest, now)
                || (entryCapacity != 0 && entries + extraEntries > entryCapacity))) {
            delete(oldest);
        }
        if (packetCapacity != 0 && packets > packetCapacity) {
            int target = Math.max(1, packetCapacity - packetCapacity / slimFactor);
            for (Entry e = oldest; e != null && packets > target; e = e.newer) {
                while (e.waiting != null && packets > target) {
                    e.waiting.poll().kill();
                    packets--;
                    drops++;
                    if (e.waiting.count == 0) {
                        e.waiting = null;
                    }
                }
            }
        }
    }

    private void sweepIfDue(long now) {
        if (timeout != 0 && now - nextSweep >= 0) {
            slim(now, 0);
            nextSweep = now + timeout + SECOND;
        }
    }

    // ------------------------------------------------------------------ data path (locked)

    /** What {@link #resolve} did with the packet. */
    enum Outcome {
        /** The address is known: send with {@link Resolution#eth}, after the packets in {@link Resolution#flushed}. */
        KNOWN,
        /** Not in the table and not to be queued (the caller's special addresses): the packet is still the caller's. */
        UNKNOWN,
        /** Queued to wait for a reply. */
        QUEUED,
        /** Queued, and a query is due: send one. */
        QUEUED_QUERY,
        /** The entry holds as many packets as it may: the caller drops the packet. */
        FULL
    }

    /** The data path's scratch result of {@link #resolve}; one per element, used by its one data-path thread. */
    static final class Resolution {
        long eth;
        /** A renewal query is due for a known entry; send it unicast to {@link #eth} (or broadcast). */
        boolean poll;
        /** Packets that waited on a now-known entry (left by the {@code insert} handler), or null. */
        Waiting flushed;
    }

    /**
     * The slow path for a packet to {@code ip}: a known entry (renewal query due, or packets
     * waiting), or an unknown address, which gets the packet queued (unless {@code queue} is
     * false) and a query if the rate allows.
     */
    Outcome resolve(int ip, Packet p, long now, long pollTimeout, boolean queue, Resolution out) {
        long stamp = lock.writeLock();
        try {
            sweepIfDue(now);
            Entry e = find(ip);
            if (e != null && known(e, now)) {
                out.eth = e.eth;
                out.poll = pollTimeout != 0 && now - e.liveAt >= pollTimeout && e.allowPoll(now);
                if (out.poll) {
                    e.markPoll(now);
                }
                out.flushed = e.waiting;
                if (e.waiting != null) {
                    packets -= e.waiting.count;
                    e.waiting = null;
                }
                return Outcome.KNOWN;
            }
            if (!queue) {
                return Outcome.UNKNOWN;
            }
            e = ensure(ip, now);
            keepAlive(e, now);
            if (entryPacketCapacity != 0 && e.waitingCount() >= entryPacketCapacity) {
                drops++;
                return Outcome.FULL;
            }
            packets++;
            if (packetCapacity != 0 && packets > packetCapacity) {
                slim(now, 0);
            }
            if (e.waiting == null) {
                e.waiting = new Waiting();
            }
            e.waiting.add(p);
            if (e.allowPoll(now)) {
                e.markPoll(now);
                return Outcome.QUEUED_QUERY;
            }
            return Outcome.QUEUED;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Keeps an entry that is still wanted from expiring under the packet about to wait on it:
     * its age is held at TIMEOUT (as Click does), and its place in the age order follows.
     */
    private void keepAlive(Entry e, long now) {
        if (timeout != 0 && now - e.liveAt > timeout) {
            e.liveAt = now - timeout;
            Entry next = e.newer;
            while (next != null && next.liveAt - e.liveAt < 0) {
                next = next.newer;
            }
            if (next != e.newer) {
                unlinkAge(e);
                if (next == null) {
                    appendNewest(e);
                } else {
                    e.newer = next;
                    e.older = next.older;
                    if (next.older != null) {
                        next.older.newer = e;
                    } else {
                        oldest = e;
                    }
                    next.older = e;
                }
            }
        }
    }

    /**
     * Records that {@code ip} is at {@code eth} (a reply, or the {@code insert} handler): the
     * entry becomes known (unless {@code eth} is the broadcast address) and newest.
     *
     * @param takeWaiting hand back the packets waiting on the entry (replies), or leave them for
     *     the data path to send with the next packet to that address (handlers)
     * @return the packets that waited, oldest first, or null
     */
    Waiting insert(int ip, long eth, long now, boolean takeWaiting) {
        long stamp = lock.writeLock();
        try {
            sweepIfDue(now);
            Entry e = ensure(ip, now);
            e.eth = eth;
            e.known = eth != Ether.BROADCAST;
            e.liveAt = now;
            e.pollsSinceReply = 0;
            e.polledAt = now - SECOND;
            unlinkAge(e);
            appendNewest(e);
            Waiting w = null;
            if (takeWaiting && e.waiting != null) {
                w = e.waiting;
                packets -= w.count;
                e.waiting = null;
            }
            return w;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ------------------------------------------------------------------ handlers

    /** Removes the entry for {@code ip}, dropping what waits on it; false if there is none. */
    boolean remove(int ip) {
        long stamp = lock.writeLock();
        try {
            Entry e = find(ip);
            if (e == null) {
                return false;
            }
            delete(e);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes all entries, dropping what waits on them. */
    void clear() {
        long stamp = lock.writeLock();
        try {
            while (oldest != null) {
                delete(oldest);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Sets the drop count to 0 (the {@code clear} handler). */
    void resetDrops() {
        long stamp = lock.writeLock();
        try {
            drops = 0;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Click's table: one line per entry, oldest first: IP address, 1 if known (0 if not, or
     * expired), Ethernet address, and seconds since the entry's last update.
     */
    String describe() {
        long stamp = lock.writeLock();
        try {
            long now = now();
            sweepIfDue(now);
            StringBuilder sb = new StringBuilder();
            for (Entry e = oldest; e != null; e = e.newer) {
                long age = Math.max(0, now - e.liveAt);
                sb.append(Addresses.ipString(e.ip)).append(' ').append(known(e, now) ? 1 : 0).append(' ')
                        .append(Ether.macString(e.eth)).append(' ')
                        .append(age / SECOND).append('.')
                        .append(String.format("%06d", (age % SECOND) / 1000)).append('\n');
            }
            return sb.toString();
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
