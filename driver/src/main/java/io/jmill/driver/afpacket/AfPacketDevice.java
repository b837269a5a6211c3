package io.jmill.driver.afpacket;

import io.jmill.driver.DescriptorArea;
import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.DriverDescriptor;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.Overlay;
import io.jmill.driver.QueueStats;
import io.jmill.driver.Xchange;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.jmill.driver.afpacket.Linux.*;
import static io.jmill.layout.PacketMemory.MEMORY;

/**
 * A real Linux interface through AF_PACKET sockets, bound with the FFM API (Linux x86_64).
 *
 * <p>Receive: per queue a {@code SOCK_RAW} socket with a TPACKET_V3 ring mapped into the process
 * (blocks of variable-size frames that the kernel hands over when full or after
 * {@link AfPacketOptions#retireMillis()}); {@link #receive} walks the frames of ready blocks
 * without a system call, copies each frame into a JMill packet buffer, turns its
 * {@code tpacket3_hdr} (length, timestamp, RSS hash, VLAN TCI, packet type from the
 * {@code sockaddr_ll}) into metadata through the device's {@link MetadataModel}, and gives each
 * block back to the kernel once all its frames are taken. Several queues join one PACKET_FANOUT
 * group in hash mode. Transmit: per queue a socket bound to the interface with protocol 0 (so it
 * receives nothing) and one {@code send} per packet.
 *
 * <p>Buffers: COPYING and OVERLAYING allocate a pool buffer per received frame and free sent
 * packets to the pool; XCHANGE takes buffers from the thread's {@link ExchangeList} and gives sent
 * packets back to it.
 *
 * <p>Needs CAP_NET_RAW. Open errors are {@link DeviceException}s that say what to do; on the data
 * path failures are counted (missed frames when no buffer is to be had, truncated frames as
 * receive errors, failed sends as transmit drops).
 *
 * <p>An interface that goes down or is deleted while the device runs is reported once through
 * {@link AfPacketOptions#reporter()} and kept as the device's {@link #fault()} (see
 * {@link LinkWatch}, {@link LinkProbe}): a receive queue looks for it when its ring has been empty for
 * 50 ms, a transmit queue when a send fails. The queues of a deleted
 * interface then stop making system calls: receive returns nothing and transmit drops and counts.
 */
@SuppressWarnings("restricted") // maps the kernel's ring into a segment
public final class AfPacketDevice implements Device {
    private static final AtomicInteger FANOUT_IDS = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));
    private static final VarHandle INT_HANDLE = ValueLayout.JAVA_INT.varHandle();
    private static final ValueLayout.OfInt NET_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private final AfPacketOptions options;
    private final int ifindex;
    private final int port;
    private final RxQueue[] rx;
    private final TxQueue[] tx;
    private final QueueStats[] stats;
    private final LinkWatch link;
    private boolean closed;

    /** How long a receive ring stays empty before its queue asks the kernel whether the interface is still there. */
    static final long IDLE_CHECK_NANOS = 50_000_000L;

    private AfPacketDevice(AfPacketOptions options, int ifindex, RxQueue[] rx, TxQueue[] tx, QueueStats[] stats,
                           LinkWatch link) {
        this.options = options;
        this.link = link;
        this.ifindex = ifindex;
        this.port = options.port() >= 0 ? options.port() : ifindex;
        this.rx = rx;
        this.tx = tx;
        this.stats = stats;
    }

    /**
     * Opens the interface's queues.
     *
     * @throws DeviceException "no such interface 'eth9'", "permission denied opening AF_PACKET
     *     socket on eth9: run as root or grant CAP_NET_RAW", "bad queue count ...", or the failing
     *     call with the system's error text
     */
    public static AfPacketDevice open(AfPacketOptions o) throws DeviceException {
        return NetNamespace.call(o.netns(), () -> openHere(o));
    }

    private static AfPacketDevice openHere(AfPacketOptions o) throws DeviceException {
        String name = o.interfaceName();
        if (o.queues() < 1 || o.queues() > MAX_QUEUES) {
            throw new DeviceException("bad queue count " + o.queues() + " for " + name + ": must be between 1 and "
                    + MAX_QUEUES);
        }
        if (o.blockSize() < 4096 || o.blockSize() % 4096 != 0 || o.blockCount() < 1) {
            throw new DeviceException("bad ring geometry for " + name + ": " + o.blockCount() + " blocks of "
                    + o.blockSize() + " bytes (blocks must be a multiple of 4096 bytes)");
        }
        if (o.snaplen() < 64) {
            throw new DeviceException("bad snaplen " + o.snaplen() + " for " + name + ": must be at least 64");
        }
        int ifindex = interfaceIndex(name);
        QueueStats[] stats = new QueueStats[o.queues()];
        for (int q = 0; q < stats.length; q++) {
            stats[q] = new QueueStats();
        }
        int port = o.port() >= 0 ? o.port() : ifindex;
        List<AutoCloseable> opened = new ArrayList<>();
        LinkWatch link = new LinkWatch(name, o.reporter());
        try {
            RxQueue[] rx = new RxQueue[o.receive() ? o.queues() : 0];
            int fanout = (FANOUT_IDS.getAndIncrement() & 0xFFFF)
                    | ((PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG) << 16);
            for (int q = 0; q < rx.length; q++) {
                rx[q] = new RxQueue(o, ifindex, q, port, stats[q], fanout, link);
                opened.add(rx[q]);
            }
            TxQueue[] tx = new TxQueue[o.transmit() ? o.queues() : 0];
            for (int q = 0; q < tx.length; q++) {
                tx[q] = new TxQueue(o, ifindex, q, port, stats[q], link);
                opened.add(tx[q]);
            }
            return new AfPacketDevice(o, ifindex, rx, tx, stats, link);
        } catch (DeviceException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            throw e;
        }
    }

    /** The interface index of {@code name}. */
    static int interfaceIndex(String name) throws DeviceException {
        if (name.isEmpty() || name.length() > 15 || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new DeviceException("no such interface '" + name + "'");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = newErrnoState(a);
            int index = (int) IF_NAMETOINDEX.invokeExact(err, a.allocateFrom(name));
            if (index == 0) {
                throw new DeviceException("no such interface '" + name + "'");
            }
            return index;
        } catch (DeviceException e) {
            throw e;
        } catch (Throwable t) {
            throw new DeviceException("cannot look up interface '" + name + "': " + t, t);
        }
    }

    static DeviceException failure(String call, String name, int errno) {
        if (errno == EPERM || errno == EACCES) {
            return new DeviceException("permission denied opening AF_PACKET socket on " + name
                    + ": run as root or grant CAP_NET_RAW");
        }
        if (errno == ENODEV || errno == ENXIO) {
            return new DeviceException("no such interface '" + name + "'");
        }
        return new DeviceException("AF_PACKET on " + name + ": " + call + " failed: " + strerror(errno) + " (errno "
                + errno + ")");
    }

    static int socket(MemorySegment err, int protocol, String name) throws DeviceException {
        int fd;
        try {
            fd = (int) SOCKET.invokeExact(err, AF_PACKET, SOCK_RAW, htons(protocol));
        } catch (Throwable t) {
            throw new DeviceException("AF_PACKET on " + name + ": socket() failed: " + t, t);
        }
        if (fd < 0) {
            throw failure("socket()", name, errno(err));
        }
        return fd;
    }

    static void setsockopt(MemorySegment err, int fd, int option, MemorySegment value, String what, String name)
            throws DeviceException {
        int r;
        try {
            r = (int) SETSOCKOPT.invokeExact(err, fd, SOL_PACKET, option, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw new DeviceException("AF_PACKET on " + name + ": setsockopt(" + what + ") failed: " + t, t);
        }
        if (r != 0) {
            throw failure("setsockopt(" + what + ")", name, errno(err));
        }
    }

    static void bind(MemorySegment err, int fd, int protocol, int ifindex, Arena a, String name) throws DeviceException {
        MemorySegment sll = a.allocate(20, 4);
        sll.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
        sll.set(ValueLayout.JAVA_SHORT, 2, (short) htons(protocol));
        sll.set(ValueLayout.JAVA_INT, 4, ifindex);
        int r;
        try {
            r = (int) BIND.invokeExact(err, fd, sll, 20);
        } catch (Throwable t) {
            throw new DeviceException("AF_PACKET on " + name + ": bind() failed: " + t, t);
        }
        if (r != 0) {
            throw failure("bind()", name, errno(err));
        }
    }

    static void closeFd(MemorySegment err, int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(err, fd);
        } catch (Throwable ignored) {
            // nothing left to do
        }
    }

    // ------------------------------------------------------------------ Device

    @Override
    public String name() {
        return options.interfaceName();
    }

    @Override
    public String kind() {
        return "AF_PACKET";
    }

    @Override
    public int port() {
        return port;
    }

    /** The kernel's index of the interface. */
    public int interfaceIndex() {
        return ifindex;
    }

    @Override
    public MetadataModel model() {
        return options.model();
    }

    @Override
    public int queues() {
        return stats.length;
    }

    public AfPacketOptions options() {
        return options;
    }

    @Override
    public int receive(int queue, PacketBatch batch, int max) {
        return rx[queue].receive(batch, max);
    }

    @Override
    public boolean transmit(int queue, Packet p) {
        return tx[queue].transmit(p);
    }

    @Override
    public void flush(int queue) {
        // Every send completes before transmit returns.
    }

    @Override
    public QueueStats stats(int queue) {
        return stats[queue];
    }

    /**
     * "" while the interface is up; else the message reported when it went down or was deleted
     * (any thread).
     */
    @Override
    public String fault() {
        return link.fault();
    }

    @Override
    public void xchangeFields(long fields) {
        for (RxQueue r : rx) {
            r.xchangeFields = fields;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for frames on {@code queue} with {@code poll()}; true if
     * some are ready. For callers that may block (tests, a dedicated thread); tasks just poll with
     * {@link #receive}.
     */
    public boolean awaitReceive(int queue, int timeoutMillis) {
        return rx[queue].await(timeoutMillis);
    }

    /**
     * Frames the kernel dropped on all queues because the rings were full, since the device was
     * opened (reads PACKET_STATISTICS; any thread).
     */
    public long kernelDrops() {
        long n = 0;
        for (RxQueue r : rx) {
            n += r.kernelDrops();
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RxQueue r : rx) {
            r.close();
        }
        for (TxQueue t : tx) {
            t.close();
        }
        if (options.model() == MetadataModel.XCHANGE) {
            ExchangeList.releaseIdle();
        }
    }

    // ------------------------------------------------------------------ receive

    /** One receive socket and its mapped TPACKET_V3 ring; used by one thread at a time. */
    static final class RxQueue implements AutoCloseable {
        private final String name;
        private final int queue;
        private final int port;
        private final MetadataModel model;
        private final QueueStats stats;
        private final boolean outbound;
        private final int snaplen;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment err;
        private final MemorySegment pollfd;
        private final int fd;
        private final long ringAddress;
        private final long ringSize;
        private final MemorySegment ring;
        private final int blockSize;
        private final int blockCount;
        private final DescriptorArea descriptors;
        private final AtomicLong kernelDrops = new AtomicLong();
        private final MemorySegment statsBuffer;
        private final MemorySegment statsLength;
        private Overlay overlay;
        private Xchange xchange;
        private volatile long xchangeFields = Xchange.ALL_FIELDS;
        private ExchangeList exchange;
        private Thread exchangeOwner;
        private final LinkWatch link;
        private final LinkProbe probe;
        /** When the ring was last found empty after frames, or the link last checked (0: not idle). */
        private long idleSince;
        private boolean down;
        private boolean deleted;

        private int block;
        private boolean holding;
        private int left;
        private long frame;

        RxQueue(AfPacketOptions o, int ifindex, int queue, int port, QueueStats stats, int fanout, LinkWatch link)
                throws DeviceException {
            this.name = o.interfaceName();
            this.link = link;
            this.queue = queue;
            this.port = port;
            this.model = o.model();
            this.stats = stats;
            this.outbound = o.outbound();
            this.snaplen = Math.min(o.snaplen(), PacketPool.DATA_SIZE);
            this.blockSize = o.blockSize();
            this.blockCount = o.blockCount();
            this.err = newErrnoState(arena);
            this.pollfd = arena.allocate(8, 4);
            this.statsBuffer = arena.allocate(12, 4);
            this.statsLength = arena.allocate(4, 4);
            this.descriptors = model == MetadataModel.COPYING ? new DescriptorArea(1) : null;
            int s = -1;
            long addr = 0;
            long size = (long) blockSize * blockCount;
            try {
                s = socket(err, o.protocol(), name);
                setsockopt(err, s, PACKET_VERSION, arena.allocateFrom(ValueLayout.JAVA_INT, TPACKET_V3), "PACKET_VERSION", name);
                MemorySegment req = arena.allocate(28, 4);
                req.set(ValueLayout.JAVA_INT, 0, blockSize);
                req.set(ValueLayout.JAVA_INT, 4, blockCount);
                req.set(ValueLayout.JAVA_INT, 8, 2048);
                req.set(ValueLayout.JAVA_INT, 12, blockSize / 2048 * blockCount);
                req.set(ValueLayout.JAVA_INT, 16, o.retireMillis());
                req.set(ValueLayout.JAVA_INT, 20, 0);
                req.set(ValueLayout.JAVA_INT, 24, TP_FT_REQ_FILL_RXHASH);
                setsockopt(err, s, PACKET_RX_RING, req, "PACKET_RX_RING", name);
                try {
                    addr = (long) MMAP.invokeExact(err, 0L, size, PROT_READ | PROT_WRITE, MAP_SHARED, s, 0L);
                } catch (Throwable t) {
                    throw new DeviceException("AF_PACKET on " + name + ": mmap() failed: " + t, t);
                }
                if (addr == -1L) {
                    throw failure("mmap() of the " + size + "-byte ring", name, errno(err));
                }
                if (!o.outbound()) {
                    try {
                        setsockopt(err, s, PACKET_IGNORE_OUTGOING, arena.allocateFrom(ValueLayout.JAVA_INT, 1),
                                "PACKET_IGNORE_OUTGOING", name);
                    } catch (DeviceException old) {
                        // Kernels before 4.20: outgoing frames are filtered by packet type below.
                    }
                }
                bind(err, s, o.protocol(), ifindex, arena, name);
                if (o.promiscuous()) {
                    MemorySegment mreq = arena.allocate(16, 4);
                    mreq.set(ValueLayout.JAVA_INT, 0, ifindex);
                    mreq.set(ValueLayout.JAVA_SHORT, 4, (short) PACKET_MR_PROMISC);
                    setsockopt(err, s, PACKET_ADD_MEMBERSHIP, mreq, "PACKET_ADD_MEMBERSHIP", name);
                }
                if (o.queues() > 1) {
                    setsockopt(err, s, PACKET_FANOUT, arena.allocateFrom(ValueLayout.JAVA_INT, fanout), "PACKET_FANOUT", name);
                }
            } catch (DeviceException e) {
                if (addr != 0 && addr != -1L) {
                    unmap(addr, size);
                }
                if (s >= 0) {
                    closeFd(err, s);
                }
                arena.close();
                throw e;
            }
            this.fd = s;
            this.ringAddress = addr;
            this.ringSize = size;
            this.ring = MemorySegment.ofAddress(addr).reinterpret(size);
            this.probe = new LinkProbe(arena, err, s);
        }

        private void unmap(long addr, long size) {
            try {
                int ignored = (int) MUNMAP.invokeExact(err, addr, size);
            } catch (Throwable ignored) {
                // nothing left to do
            }
        }

        int receive(PacketBatch batch, int max) {
            if (deleted) {
                return 0;
            }
            int room = Math.min(max, batch.capacity() - batch.size());
            MemorySegment r = ring;
            int n = 0;
            long bytes = 0;
            int errors = 0;
            int missed = 0;
            Overlay o = model == MetadataModel.OVERLAYING ? (overlay = Overlay.forActiveLayout(overlay)) : null;
            Xchange x = model == MetadataModel.XCHANGE ? (xchange = Xchange.forActiveLayout(xchange, xchangeFields)) : null;
            ExchangeList list = null;
            if (model == MetadataModel.XCHANGE) {
                if (exchangeOwner != Thread.currentThread()) {
                    exchange = ExchangeList.current();
                    exchangeOwner = Thread.currentThread();
                }
                list = exchange;
            }
            while (n < room) {
                if (left == 0) {
                    if (holding) {
                        releaseBlock();
                    }
                    long b = (long) block * blockSize;
                    int status = (int) INT_HANDLE.getAcquire(r, b + BLOCK_STATUS);
                    if ((status & TP_STATUS_USER) == 0) {
                        break;
                    }
                    holding = true;
                    left = r.get(ValueLayout.JAVA_INT, b + BLOCK_NUM_PKTS);
                    frame = b + r.get(ValueLayout.JAVA_INT, b + BLOCK_FIRST_PKT);
                    continue;
                }
                long f = frame;
                frame = f + r.get(ValueLayout.JAVA_INT, f + TP_NEXT_OFFSET);
                left--;
                int pkttype = r.get(ValueLayout.JAVA_BYTE, f + TP_SLL + SLL_PKTTYPE);
                if (pkttype == PACKET_OUTGOING && !outbound) {
                    continue;
                }
                Packet p = buffer(list, o);
                if (p == null) {
                    missed++;
                    continue;
                }
                int cap = r.get(ValueLayout.JAVA_INT, f + TP_SNAPLEN);
                int wireLen = r.get(ValueLayout.JAVA_INT, f + TP_LEN);
                int tpStatus = r.get(ValueLayout.JAVA_INT, f + TP_STATUS);
                long src = f + (r.get(ValueLayout.JAVA_SHORT, f + TP_MAC) & 0xFFFF);
                long dst = p.slotBase() + PacketPool.METADATA_SIZE + PacketPool.HEADROOM;
                boolean vlanValid = (tpStatus & TP_STATUS_VLAN_VALID) != 0;
                int vlan = vlanValid ? r.get(ValueLayout.JAVA_INT, f + TP_VLAN_TCI) & 0xFFFF : 0;
                int len;
                if (vlanValid && cap >= 12) {
                    // The kernel took the 802.1Q tag out of the frame; put it back where it was.
                    wireLen += 4;
                    len = Math.min(cap + 4, snaplen);
                    int tpid = (tpStatus & TP_STATUS_VLAN_TPID_VALID) != 0
                            ? r.get(ValueLayout.JAVA_SHORT, f + TP_VLAN_TPID) & 0xFFFF : 0x8100;
                    MemorySegment.copy(r, src, MEMORY, dst, 12);
                    MEMORY.set(NET_INT, dst + 12, tpid << 16 | vlan);
                    MemorySegment.copy(r, src + 12, MEMORY, dst + 16, len - 16);
                } else {
                    len = Math.min(cap, snaplen);
                    MemorySegment.copy(r, src, MEMORY, dst, len);
                }
                int rss = r.get(ValueLayout.JAVA_INT, f + TP_RXHASH);
                long ts = (r.get(ValueLayout.JAVA_INT, f + TP_SEC) & 0xFFFF_FFFFL) * 1_000_000_000L
                        + (r.get(ValueLayout.JAVA_INT, f + TP_NSEC) & 0xFFFF_FFFFL);
                boolean truncated = len < wireLen;
                switch (model) {
                    case COPYING -> {
                        descriptors.receive(0, p.slotBase() + PacketPool.METADATA_SIZE, len, port, queue,
                                olFlags(vlanValid, rss, tpStatus, truncated), ptype(vlanValid), vlan, rss, ts, pkttype);
                        descriptors.toPacket(0, p);
                    }
                    case OVERLAYING -> o.receive(p, len, port, queue, olFlags(vlanValid, rss, tpStatus, truncated),
                            ptype(vlanValid), vlan, rss, ts, pkttype);
                    case XCHANGE -> x.receive(p, len, port, queue, vlan, rss, ts, pkttype);
                }
                if (truncated) {
                    errors++;
                }
                bytes += len;
                batch.add(p);
                n++;
            }
            if (holding && left == 0) {
                releaseBlock();
            }
            if (n > 0) {
                stats.received(n, bytes);
                idleSince = 0;
                if (down) {
                    down = false;
                    probe.up();
                    link.saw(LinkWatch.UP, "receive");
                }
            } else {
                idle();
            }
            if (errors > 0) {
                stats.receiveErrors(errors);
            }
            if (missed > 0) {
                stats.missed(missed);
            }
            return n;
        }

        private Packet buffer(ExchangeList list, Overlay o) {
            if (list != null) {
                return Xchange.replacement(list, stats);
            }
            Packet p = PacketPool.alloc();
            if (p != null) {
                stats.poolAllocs(1);
                if (o != null) {
                    o.rearm(p);
                }
            }
            return p;
        }

        private static long olFlags(boolean vlan, int rss, int tpStatus, boolean truncated) {
            long ol = 0;
            if (vlan) {
                ol |= DriverDescriptor.OL_VLAN;
            }
            if (rss != 0) {
                ol |= DriverDescriptor.OL_RSS_HASH;
            }
            if ((tpStatus & TP_STATUS_CSUM_VALID) != 0) {
                ol |= DriverDescriptor.OL_L4_CKSUM_GOOD;
            }
            if (truncated) {
                ol |= DriverDescriptor.OL_TRUNCATED;
            }
            return ol;
        }

        private static int ptype(boolean vlan) {
            return vlan ? DriverDescriptor.PTYPE_L2_ETHER_VLAN : DriverDescriptor.PTYPE_L2_ETHER;
        }

        /** After an empty receive: asks about the link once the ring has been empty for a while. */
        private void idle() {
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            } else if (now - idleSince >= IDLE_CHECK_NANOS) {
                idleSince = now;
                checkLink();
            }
        }

        private void checkLink() {
            int state = probe.look(probe.pendingError());
            if (state != LinkWatch.UP) {
                link.saw(state, "receive");
            }
            down = state == LinkWatch.DOWN;
            deleted = state == LinkWatch.DELETED;
        }

        /** Gives the current block back to the kernel and moves to the next one. */
        private void releaseBlock() {
            INT_HANDLE.setRelease(ring, (long) block * blockSize + BLOCK_STATUS, TP_STATUS_KERNEL);
            holding = false;
            left = 0;
            if (++block == blockCount) {
                block = 0;
            }
        }

        boolean await(int timeoutMillis) {
            if (left > 0) {
                return true;
            }
            if (deleted) {
                return false;
            }
            if (holding) {
                releaseBlock();
            }
            if (((int) INT_HANDLE.getAcquire(ring, (long) block * blockSize + BLOCK_STATUS) & TP_STATUS_USER) != 0) {
                return true;
            }
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) (POLLIN | POLLERR));
            pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            try {
                int r = (int) POLL.invokeExact(err, pollfd, 1L, timeoutMillis);
                if (r > 0 && (pollfd.get(ValueLayout.JAVA_SHORT, 6) & POLLERR) != 0) {
                    checkLink();
                    return false;
                }
                return r > 0;
            } catch (Throwable t) {
                return false;
            }
        }

        long kernelDrops() {
            synchronized (kernelDrops) {
                statsLength.set(ValueLayout.JAVA_INT, 0, 12);
                try {
                    int r = (int) GETSOCKOPT.invokeExact(err, fd, SOL_PACKET, PACKET_STATISTICS, statsBuffer, statsLength);
                    if (r == 0) {
                        kernelDrops.addAndGet(statsBuffer.get(ValueLayout.JAVA_INT, 4) & 0xFFFF_FFFFL);
                    }
                } catch (Throwable ignored) {
                    // keep the last count
                }
                return kernelDrops.get();
            }
        }

        @Override
        public void close() {
            unmap(ringAddress, ringSize);
            closeFd(err, fd);
            arena.close();
        }
    }

    // ------------------------------------------------------------------ transmit

    /** One transmit socket; used by one thread at a time. */
    static final class TxQueue implements AutoCloseable {
        private static final int RETRIES = 100;
        private final int port;
        private final MetadataModel model;
        private final QueueStats stats;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment err;
        private final MemorySegment pollfd;
        private final int fd;
        private final long memoryBase = PacketMemory.MEMORY.address();
        private final DescriptorArea descriptors;
        private Overlay overlay;
        private ExchangeList exchange;
        private Thread exchangeOwner;
        private final LinkWatch link;
        private final LinkProbe probe;
        private boolean down;
        private boolean deleted;

        TxQueue(AfPacketOptions o, int ifindex, int queue, int port, QueueStats stats, LinkWatch link)
                throws DeviceException {
            this.port = port;
            this.link = link;
            this.model = o.model();
            this.stats = stats;
            this.err = newErrnoState(arena);
            this.pollfd = arena.allocate(8, 4);
            this.descriptors = model == MetadataModel.COPYING ? new DescriptorArea(1) : null;
            int s = -1;
            try {
                s = socket(err, 0, o.interfaceName());
                bind(err, s, 0, ifindex, arena, o.interfaceName());
            } catch (DeviceException e) {
                if (s >= 0) {
                    closeFd(err, s);
                }
                arena.close();
                throw e;
            }
            this.fd = s;
            this.probe = new LinkProbe(arena, err, s);
        }

        boolean transmit(Packet p) {
            long address;
            int length;
            switch (model) {
                case COPYING -> {
                    descriptors.fromPacket(0, p, port);
                    address = descriptors.dataAddress(0);
                    length = descriptors.dataLength(0);
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
            boolean sent = length > 0 && !deleted && send(memoryBase + address, length);
            if (sent) {
                stats.transmitted(1, length);
            } else {
                stats.transmitDrops(1);
            }
            if (model == MetadataModel.XCHANGE) {
                if (exchangeOwner != Thread.currentThread()) {
                    exchange = ExchangeList.current();
                    exchangeOwner = Thread.currentThread();
                }
                Xchange.recycle(exchange, p, stats);
            } else {
                p.kill();
                stats.poolFrees(1);
            }
            return sent;
        }

        /** Sends one frame; waits briefly (poll for POLLOUT) while the socket's send buffer is full. */
        private boolean send(long address, int length) {
            try {
                for (int attempt = 0; attempt < RETRIES; attempt++) {
                    long r = (long) SEND.invokeExact(err, fd, address, (long) length, MSG_DONTWAIT);
                    if (r == length) {
                        if (down) {
                            down = false;
                            probe.up();
                            link.saw(LinkWatch.UP, "transmit");
                        }
                        return true;
                    }
                    int e = errno(err);
                    if (r >= 0 || (e != EAGAIN && e != ENOBUFS && e != EINTR)) {
                        if (r < 0) {
                            sendFailed(e);
                        }
                        return false;
                    }
                    pollfd.set(ValueLayout.JAVA_INT, 0, fd);
                    pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLOUT);
                    pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
                    int ignored = (int) POLL.invokeExact(err, pollfd, 1L, 1);
                }
                return false;
            } catch (Throwable t) {
                return false;
            }
        }

        private void sendFailed(int errno) {
            int state = probe.look(errno);
            if (state != LinkWatch.UP) {
                link.saw(state, "transmit");
            }
            down = state == LinkWatch.DOWN;
            deleted = state == LinkWatch.DELETED;
        }

        @Override
        public void close() {
            closeFd(err, fd);
            arena.close();
        }
    }
}
