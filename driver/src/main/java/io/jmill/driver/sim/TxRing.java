package io.jmill.driver.sim;

import io.jmill.driver.DescriptorArea;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.Overlay;
import io.jmill.driver.QueueStats;
import io.jmill.driver.Xchange;
import io.jmill.layout.Packet;
import org.agrona.UnsafeApi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One transmit queue of the simulated NIC: a ring of send WQEs (buffer address and length, in
 * memory of its own) holding the packets until their completions are reaped. The wire sends each
 * frame as soon as its WQE is posted (the doorbell); buffers are reclaimed in bulk, every
 * {@value #REAP_THRESHOLD} completions (DPDK's {@code tx_free_thresh}), or on {@link #flush()}:
 * to the pool in COPYING and OVERLAYING, to the thread's {@link ExchangeList} in XCHANGE.
 *
 * <p>How each model finds the frame: COPYING fills a driver descriptor from the packet and the
 * driver reads it back; OVERLAYING reads the shared data-offset and length fields at the layout's
 * offsets; XCHANGE asks the packet ({@code dataAddress()}, {@code length()}).
 *
 * <p>Used by one thread at a time (the queue's transmitter).
 */
final class TxRing {
    static final int REAP_THRESHOLD = 32;
    private static final int WQE_SIZE = 16;

    private final int queue;
    private final int port;
    private final MetadataModel model;
    private final QueueStats stats;
    private final int size;
    private final int mask;
    private final Packet[] held;
    private final MemorySegment wqes;
    private final long wqeAddress;
    private final DescriptorArea descriptors;
    private final WireTap tap;
    private Overlay overlay;
    private long posted;
    private long reaped;

    TxRing(int queue, int port, MetadataModel model, int size, QueueStats stats, WireTap tap) {
        this.queue = queue;
        this.port = port;
        this.model = model;
        this.stats = stats;
        this.size = size;
        this.mask = size - 1;
        this.held = new Packet[size];
        this.wqes = Arena.ofAuto().allocate((long) size * WQE_SIZE, 64);
        this.wqeAddress = wqes.address();
        this.descriptors = model == MetadataModel.COPYING ? new DescriptorArea(size) : null;
        this.tap = tap;
    }

    boolean transmit(Packet p) {
        if (posted - reaped == size) {
            reap();
        }
        int slot = (int) (posted & mask);
        long address;
        int length;
        switch (model) {
            case COPYING -> {
                descriptors.fromPacket(slot, p, port);
                address = descriptors.dataAddress(slot);
                length = descriptors.dataLength(slot);
            }
            case OVERLAYING -> {
                Overlay o = overlay = Overlay.forActiveLayout(overlay);
                address = o.txAddress(p);
                length = o.txLength(p);
            }
            default -> {
                address = p.dataAddress();
                length = p.length();
            }
        }
        if (length <= 0) {
            stats.transmitDrops(1);
            release(p);
            return false;
        }
        long w = wqeAddress + (long) slot * WQE_SIZE;
        UnsafeApi.putLong(w, address);
        UnsafeApi.putInt(w + 8, length);
        held[slot] = p;
        posted++;
        // Doorbell: the wire reads the WQE (raw, as DMA does) and sends the frame.
        long a = UnsafeApi.getLong(w);
        int len = UnsafeApi.getInt(w + 8);
        stats.transmitted(1, len);
        if (tap != null) {
            tap.transmitted(queue, a, len);
        }
        if (posted - reaped >= REAP_THRESHOLD) {
            reap();
        }
        return true;
    }

    /** Reclaims the buffers of every completed send. */
    void flush() {
        reap();
    }

    private void reap() {
        long r = reaped;
        long end = posted;
        if (r == end) {
            return;
        }
        if (model == MetadataModel.XCHANGE) {
            ExchangeList list = ExchangeList.current();
            long returned = 0;
            for (; r < end; r++) {
                int slot = (int) (r & mask);
                Packet p = held[slot];
                held[slot] = null;
                if (list.give(p)) {
                    returned++;
                } else {
                    p.kill();
                    stats.poolFrees(1);
                }
            }
            stats.exchangeReturns(returned);
        } else {
            int n = 0;
            for (; r < end; r++, n++) {
                int slot = (int) (r & mask);
                Packet p = held[slot];
                held[slot] = null;
                p.kill();
            }
            stats.poolFrees(n);
        }
        reaped = end;
    }

    private void release(Packet p) {
        if (model == MetadataModel.XCHANGE) {
            Xchange.recycle(ExchangeList.current(), p, stats);
        } else {
            p.kill();
            stats.poolFrees(1);
        }
    }

    /** Frees every held buffer to the pool. */
    void close() {
        for (long r = reaped; r < posted; r++) {
            int slot = (int) (r & mask);
            Packet p = held[slot];
            if (p != null) {
                held[slot] = null;
                p.kill();
            }
        }
        reaped = posted;
    }
}
