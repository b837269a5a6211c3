package io.jmill.driver.afxdp;

import io.jmill.driver.DescriptorArea;
import io.jmill.driver.DriverDescriptor;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.QueueStats;
import io.jmill.driver.Xchange;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jmill.layout.PacketMemory.ADDRESS;

/**
 * One queue of an {@link AfXdpDevice}: its socket, the buffers it has posted, and the receive and
 * transmit paths. Receive runs on the queue's receiving thread, transmit and completions on its
 * transmitting thread (DPDK's rule: one thread per queue and direction).
 *
 * <p>Buffers: a received frame's UMEM address is its slot's address plus a fixed shift (the device
 * posts each buffer so that the frame lands at the model's data offset), so a descriptor turns
 * into its {@link Packet} by arithmetic. {@code held} records which slots the kernel has (posted
 * for receive, or in flight for transmit); {@link #close} frees those to the pool.
 */
final class XskQueue implements AutoCloseable {
    private static final long ADDRESS_MASK = (1L << 48) - 1; // unaligned mode: the offset rides in the top bits
    private static final byte POSTED = 1;
    private static final byte SENDING = 2;

    private final AfXdpDevice device;
    private final int queue;
    private final int port;
    private final MetadataModel model;
    private final boolean xdpMetadata;
    private final boolean paintQueue;
    private final XskSocket socket;
    private final QueueStats stats;
    private final FrameHeaders headers;
    private final DescriptorArea descriptors;
    private final int frameOffset;
    private final long fillShift;
    private final int target;
    private final byte[] held = new byte[PacketPool.capacity()];
    private final long epochShift;
    private int posted;
    private WorkerMetadata worker;
    private WorkerMetadata everyField;
    private ExchangeList rxExchange;
    private Thread rxOwner;
    private ExchangeList txExchange;
    private Thread txOwner;
    private TxKicks kicks;
    /** Set while a {@link TxKicks} batch holds this queue's kick. */
    boolean kickPending;

    XskQueue(AfXdpDevice device, AfXdpOptions o, int queue, int port, XskSocket socket, QueueStats stats,
             FrameHeaders headers, int frameOffset, long epochShift) {
        this.device = device;
        this.queue = queue;
        this.port = port;
        this.model = o.model();
        this.xdpMetadata = o.xdpMetadata() && model == MetadataModel.XCHANGE;
        this.paintQueue = o.paintQueue();
        this.socket = socket;
        this.stats = stats;
        this.headers = headers;
        this.descriptors = model == MetadataModel.COPYING ? new DescriptorArea(1) : null;
        this.frameOffset = frameOffset;
        this.fillShift = AfXdpDevice.fillShift(frameOffset);
        this.target = o.ringSize();
        this.epochShift = epochShift;
    }

    XskSocket socket() {
        return socket;
    }

    /** Posts buffers until {@link #target} are with the kernel (from the pool: the opening thread). */
    void fill() {
        ExchangeList list = null;
        if (model == MetadataModel.XCHANGE && socket.rx != null) {
            if (rxOwner != Thread.currentThread()) {
                rxExchange = ExchangeList.current();
                rxOwner = Thread.currentThread();
            }
            list = rxExchange;
        }
        ProducerRing f = socket.fill;
        int n = f.free(target - posted);
        int k = 0;
        MemorySegment m = f.memory();
        while (k < n) {
            Packet p = list != null ? Xchange.replacement(list, stats) : allocate();
            if (p == null) {
                break;
            }
            held[p.index()] = POSTED;
            m.set(ValueLayout.JAVA_LONG, f.entry(k), p.slotBase() + fillShift);
            k++;
        }
        if (k > 0) {
            f.submit(k);
            posted += k;
        }
    }

    private Packet allocate() {
        Packet p = PacketPool.alloc();
        if (p != null) {
            stats.poolAllocs(1);
        }
        return p;
    }

    int receive(PacketBatch batch, int max) {
        ConsumerRing rx = socket.rx;
        int room = Math.min(max, batch.capacity() - batch.size());
        int tag = xdpMetadata ? device.currentTag() : 0;
        int n = rx.available(room);
        if (n == 0) {
            if (posted < target) {
                fill();
            }
            if (socket.needWakeup() && socket.zeroCopy() && socket.fill.needsWakeup()) {
                socket.wakeReceive();
            }
            return 0;
        }
        MemorySegment r = rx.memory();
        long bytes = 0;
        long ts = 0;
        WorkerMetadata w = null;
        if (!xdpMetadata) {
            ts = System.nanoTime() + epochShift;
            if (model == MetadataModel.XCHANGE) {
                w = worker = WorkerMetadata.forActiveLayout(worker, device.fields(), paintQueue);
            }
        }
        for (int i = 0; i < n; i++) {
            long e = rx.entry(i);
            long addr = r.get(ValueLayout.JAVA_LONG, e) & ADDRESS_MASK;
            int len = r.get(ValueLayout.JAVA_INT, e + 8);
            long slot = addr - fillShift;
            int index = (int) ((slot - PacketPool.FIRST_SLOT) / PacketPool.SLOT_SIZE);
            Packet p = PacketPool.packet(index);
            held[index] = 0;
            if (xdpMetadata) {
                long stamp = ADDRESS + slot + XdpProgram.TAG_OFFSET;
                if (UnsafeApi.getInt(stamp) != tag) {
                    unstamped(slot, len);
                }
                UnsafeApi.putInt(stamp, 0);
            } else if (w != null) {
                headers.parse(slot + PacketPool.METADATA_SIZE + frameOffset, len);
                w.write(slot, frameOffset, len, port, queue, ts, headers);
            } else {
                copying(p, slot, len, ts);
            }
            bytes += len;
            batch.add(p);
        }
        rx.release(n);
        posted -= n;
        stats.received(n, bytes);
        fill();
        return n;
    }

    /** A frame without the current program's stamp: the worker writes every field. */
    private void unstamped(long slot, int len) {
        everyField = WorkerMetadata.forActiveLayout(everyField, Xchange.ALL_FIELDS, paintQueue);
        headers.parse(slot + PacketPool.METADATA_SIZE + frameOffset, len);
        everyField.write(slot, frameOffset, len, port, queue, System.nanoTime() + epochShift, headers);
        device.countUnstamped();
    }

    /** COPYING: frame → driver descriptor → packet, then the parsed header positions and paint. */
    private void copying(Packet p, long slot, int len, long ts) {
        FrameHeaders h = headers;
        h.parse(slot + PacketPool.METADATA_SIZE + frameOffset, len);
        long ol = (h.vlanTci != 0 ? DriverDescriptor.OL_VLAN : 0) | (h.rssHash != 0 ? DriverDescriptor.OL_RSS_HASH : 0);
        descriptors.receive(0, slot + PacketPool.METADATA_SIZE, len, port, queue, ol,
                h.vlanTci != 0 ? DriverDescriptor.PTYPE_L2_ETHER_VLAN : DriverDescriptor.PTYPE_L2_ETHER, h.vlanTci,
                h.rssHash, ts, h.packetType);
        descriptors.toPacket(0, p);
        if (h.networkHeader >= 0) {
            p.setNetworkHeader(h.networkHeader, h.transportHeader - h.networkHeader);
        }
        if (paintQueue) {
            p.setPaint(queue);
        }
    }

    boolean transmit(Packet p) {
        ProducerRing tx = socket.tx;
        int len = p.length();
        if (tx.free(1) == 0) {
            reap();
            if (tx.free(1) == 0) {
                socket.kickTransmit();
                reap();
            }
            if (tx.free(1) == 0 || len <= 0) {
                stats.transmitDrops(1);
                release(p);
                return false;
            }
        }
        MemorySegment m = tx.memory();
        long e = tx.entry(0);
        m.set(ValueLayout.JAVA_LONG, e, p.dataAddress());
        m.set(ValueLayout.JAVA_INT, e + 8, len);
        m.set(ValueLayout.JAVA_INT, e + 12, 0);
        held[p.index()] = SENDING;
        tx.submit(1);
        stats.transmitted(1, len);
        TxKicks k = kicks;
        if (k == null || k.owner != Thread.currentThread()) {
            kicks = k = TxKicks.current();
        }
        if (!k.defer(this)) {
            kick();
        }
        return true;
    }

    /** Called by {@link TxKicks#end()}. */
    void kickDeferred() {
        kickPending = false;
        kick();
    }

    /** Asks the kernel to send (when it wants to be asked) and takes back the buffers it has sent. */
    void kick() {
        ProducerRing tx = socket.tx;
        // Copy mode sends at most a few dozen frames per call: ask until the ring is drained.
        for (int i = 0; i < 16 && tx.pending() > 0; i++) {
            if (!socket.needWakeup() || tx.needsWakeup()) {
                socket.kickTransmit();
            } else {
                break;
            }
        }
        reap();
    }

    /** Takes sent buffers off the completion ring: to the thread's exchange list (XCHANGE) or the pool. */
    void reap() {
        ConsumerRing c = socket.completion;
        int n = c.available(Integer.MAX_VALUE);
        if (n == 0) {
            return;
        }
        MemorySegment m = c.memory();
        for (int i = 0; i < n; i++) {
            long addr = m.get(ValueLayout.JAVA_LONG, c.entry(i)) & ADDRESS_MASK;
            int index = (int) ((addr - PacketPool.FIRST_SLOT) / PacketPool.SLOT_SIZE);
            held[index] = 0;
            release(PacketPool.packet(index));
        }
        c.release(n);
    }

    private void release(Packet p) {
        if (model == MetadataModel.XCHANGE) {
            if (txOwner != Thread.currentThread()) {
                txExchange = ExchangeList.current();
                txOwner = Thread.currentThread();
            }
            Xchange.recycle(txExchange, p, stats);
        } else {
            p.kill();
            stats.poolFrees(1);
        }
    }

    boolean await(int timeoutMillis) {
        return socket.rx.available(1) > 0 || socket.await(timeoutMillis);
    }

    /** Closes the socket, then frees every buffer the kernel had to the pool; returns how many. */
    @Override
    public void close() {
        socket.close();
        for (int i = 0; i < held.length; i++) {
            if (held[i] != 0) {
                held[i] = 0;
                PacketPool.packet(i).kill();
            }
        }
        posted = 0;
    }

    /** Slots the kernel holds for this queue (posted for receive or being sent); for tests. */
    int held() {
        int n = 0;
        for (byte b : held) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }
}
