package io.jmill.driver.afxdp;

import io.jmill.driver.DeviceException;
import io.jmill.driver.afpacket.Linux;
import io.jmill.layout.PacketMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jmill.driver.afpacket.Linux.*;

/**
 * One AF_XDP socket bound to one queue of an interface, with its UMEM, which is JMill's whole
 * packet memory registered in unaligned-chunk mode (so that a buffer address is any slot's
 * address, see {@link AfXdpDevice}), and its four mapped rings: fill and completion (the UMEM's)
 * and RX and TX. Binding tries zero-copy first when allowed and falls back to copy mode, and asks
 * for need-wakeup when configured; {@link #zeroCopy()} and {@link #needWakeup()} say what it got.
 */
@SuppressWarnings("restricted") // maps the kernel's rings
final class XskSocket implements AutoCloseable {
    static final int AF_XDP = 44;
    private static final int SOL_XDP = 283;
    private static final int XDP_MMAP_OFFSETS = 1;
    private static final int XDP_RX_RING = 2;
    private static final int XDP_TX_RING = 3;
    private static final int XDP_UMEM_REG = 4;
    private static final int XDP_UMEM_FILL_RING = 5;
    private static final int XDP_UMEM_COMPLETION_RING = 6;
    private static final int XDP_STATISTICS = 7;
    private static final int XDP_UMEM_UNALIGNED_CHUNK_FLAG = 1;
    private static final short XDP_COPY = 1 << 1;
    private static final short XDP_ZEROCOPY = 1 << 2;
    private static final short XDP_USE_NEED_WAKEUP = 1 << 3;
    private static final long BUSY_WAIT_MILLIS = 2000;
    private static final long PGOFF_RX_RING = 0;
    private static final long PGOFF_TX_RING = 0x80000000L;
    private static final long PGOFF_FILL_RING = 0x100000000L;
    private static final long PGOFF_COMPLETION_RING = 0x180000000L;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment err;
    private final MemorySegment pollfd;
    private final MemorySegment statistics;
    private final MemorySegment statisticsLength;
    private final String name;
    private int fd = -1;
    private final long[] maps = new long[8]; // address, size pairs
    private boolean zeroCopy;
    private boolean needWakeup;
    final ProducerRing fill;
    final ConsumerRing completion;
    final ConsumerRing rx;
    final ProducerRing tx;

    /**
     * Opens and binds the socket of queue {@code queue} of {@code ifindex}.
     *
     * @param chunkSize  the UMEM's chunk size (the room the kernel may use from a fill address)
     * @param zeroCopy   {@link AfXdpOptions.Copy} choice
     */
    XskSocket(String name, int ifindex, int queue, int chunkSize, int ringSize, boolean receive, boolean transmit,
              AfXdpOptions.Copy copy, boolean wantWakeup) throws DeviceException {
        this.name = name;
        this.err = newErrnoState(arena);
        this.pollfd = arena.allocate(8, 4);
        this.statistics = arena.allocate(48, 8);
        this.statisticsLength = arena.allocate(4, 4);
        try {
            fd = (int) SOCKET.invokeExact(err, AF_XDP, SOCK_RAW, 0);
            if (fd < 0) {
                throw failure("socket(AF_XDP)", errno(err));
            }
            MemorySegment reg = arena.allocate(32, 8);
            reg.set(ValueLayout.JAVA_LONG, 0, PacketMemory.MEMORY.address());
            reg.set(ValueLayout.JAVA_LONG, 8, PacketMemory.MEMORY.byteSize());
            reg.set(ValueLayout.JAVA_INT, 16, chunkSize);
            reg.set(ValueLayout.JAVA_INT, 20, 0);
            reg.set(ValueLayout.JAVA_INT, 24, XDP_UMEM_UNALIGNED_CHUNK_FLAG);
            setsockopt(XDP_UMEM_REG, reg, "XDP_UMEM_REG");
            // The fill ring holds every buffer posted for receive; the completion ring every one in flight.
            setsockopt(XDP_UMEM_FILL_RING, arena.allocateFrom(ValueLayout.JAVA_INT, ringSize * 2), "XDP_UMEM_FILL_RING");
            setsockopt(XDP_UMEM_COMPLETION_RING, arena.allocateFrom(ValueLayout.JAVA_INT, ringSize * 2),
                    "XDP_UMEM_COMPLETION_RING");
            if (receive) {
                setsockopt(XDP_RX_RING, arena.allocateFrom(ValueLayout.JAVA_INT, ringSize), "XDP_RX_RING");
            }
            if (transmit) {
                setsockopt(XDP_TX_RING, arena.allocateFrom(ValueLayout.JAVA_INT, ringSize), "XDP_TX_RING");
            }
            MemorySegment off = arena.allocate(128, 8);
            MemorySegment len = arena.allocateFrom(ValueLayout.JAVA_INT, 128);
            int r = (int) GETSOCKOPT.invokeExact(err, fd, SOL_XDP, XDP_MMAP_OFFSETS, off, len);
            if (r != 0) {
                throw failure("getsockopt(XDP_MMAP_OFFSETS)", errno(err));
            }
            // struct xdp_mmap_offsets: rx, tx, fr, cr; each producer, consumer, desc, flags
            fill = producer(off, 64, ringSize * 2, 8, PGOFF_FILL_RING, 0);
            completion = consumer(off, 96, ringSize * 2, 8, PGOFF_COMPLETION_RING, 2);
            rx = receive ? consumer(off, 0, ringSize, 16, PGOFF_RX_RING, 4) : null;
            tx = transmit ? producer(off, 32, ringSize, 16, PGOFF_TX_RING, 6) : null;
            bind(ifindex, queue, copy, wantWakeup);
        } catch (DeviceException e) {
            close();
            throw e;
        } catch (Throwable t) {
            close();
            throw new DeviceException("AF_XDP on " + name + ": " + t, t);
        }
    }

    private void bind(int ifindex, int queue, AfXdpOptions.Copy copy, boolean wantWakeup) throws DeviceException {
        short wake = wantWakeup ? XDP_USE_NEED_WAKEUP : 0;
        if (copy != AfXdpOptions.Copy.COPY) {
            int e = tryBind(ifindex, queue, (short) (XDP_ZEROCOPY | wake));
            if (e == 0) {
                zeroCopy = true;
                needWakeup = wantWakeup;
                return;
            }
            if (copy == AfXdpOptions.Copy.ZEROCOPY) {
                throw failure("bind() in zero-copy mode to queue " + queue, e);
            }
            if (!(e == EOPNOTSUPP || e == EINVAL || e == ENOTSUPP)) {
                throw failure("bind() to queue " + queue, e);
            }
        }
        int e = tryBind(ifindex, queue, (short) (XDP_COPY | wake));
        if (e != 0) {
            throw failure("bind() to queue " + queue, e);
        }
        needWakeup = wantWakeup;
    }

    /**
     * Binds, waiting up to {@link #BUSY_WAIT_MILLIS} while the queue is busy: the kernel frees a
     * closed socket's hold on its queue asynchronously (a work item after the last reference, the
     * XSKMAP's among them, is gone), so a device reopened at once may find it still taken.
     */
    private int tryBind(int ifindex, int queue, short flags) throws DeviceException {
        long deadline = System.nanoTime() + BUSY_WAIT_MILLIS * 1_000_000L;
        while (true) {
            int e = bindOnce(ifindex, queue, flags);
            if (e != EBUSY || System.nanoTime() > deadline) {
                return e;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
    }

    private int bindOnce(int ifindex, int queue, short flags) throws DeviceException {
        MemorySegment sxdp = arena.allocate(16, 4);
        sxdp.set(ValueLayout.JAVA_SHORT, 0, (short) AF_XDP);
        sxdp.set(ValueLayout.JAVA_SHORT, 2, flags);
        sxdp.set(ValueLayout.JAVA_INT, 4, ifindex);
        sxdp.set(ValueLayout.JAVA_INT, 8, queue);
        try {
            int r = (int) BIND.invokeExact(err, fd, sxdp, 16);
            return r == 0 ? 0 : errno(err);
        } catch (Throwable t) {
            throw new DeviceException("AF_XDP on " + name + ": bind() failed: " + t, t);
        }
    }

    private ProducerRing producer(MemorySegment off, long at, int size, int entrySize, long pgoff, int slot)
            throws Throwable {
        MemorySegment m = map(off, at, size, entrySize, pgoff, slot);
        return new ProducerRing(m, off.get(ValueLayout.JAVA_LONG, at), off.get(ValueLayout.JAVA_LONG, at + 8),
                off.get(ValueLayout.JAVA_LONG, at + 24), off.get(ValueLayout.JAVA_LONG, at + 16), entrySize, size);
    }

    private ConsumerRing consumer(MemorySegment off, long at, int size, int entrySize, long pgoff, int slot)
            throws Throwable {
        MemorySegment m = map(off, at, size, entrySize, pgoff, slot);
        return new ConsumerRing(m, off.get(ValueLayout.JAVA_LONG, at), off.get(ValueLayout.JAVA_LONG, at + 8),
                off.get(ValueLayout.JAVA_LONG, at + 16), entrySize, size);
    }

    private MemorySegment map(MemorySegment off, long at, int size, int entrySize, long pgoff, int slot)
            throws Throwable {
        long length = off.get(ValueLayout.JAVA_LONG, at + 16) + (long) size * entrySize;
        long addr = (long) MMAP.invokeExact(err, 0L, length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, pgoff);
        if (addr == -1L) {
            throw failure("mmap() of a ring", errno(err));
        }
        maps[slot] = addr;
        maps[slot + 1] = length;
        return MemorySegment.ofAddress(addr).reinterpret(length);
    }

    private void setsockopt(int option, MemorySegment value, String what) throws Throwable {
        int r = (int) SETSOCKOPT.invokeExact(err, fd, SOL_XDP, option, value, (int) value.byteSize());
        if (r != 0) {
            throw failure("setsockopt(" + what + ")", errno(err));
        }
    }

    private DeviceException failure(String call, int errno) {
        String cause = switch (errno) {
            case EPERM, EACCES -> ": run as root or grant CAP_NET_RAW (and CAP_IPC_LOCK, or raise RLIMIT_MEMLOCK,"
                    + " for the UMEM)";
            case EAFNOSUPPORT -> ": the kernel has no AF_XDP sockets (CONFIG_XDP_SOCKETS)";
            case ENOMEM, ENOBUFS -> ": the UMEM could not be pinned; raise RLIMIT_MEMLOCK or grant CAP_IPC_LOCK";
            case EBUSY -> ": another AF_XDP socket is bound to this queue";
            case ENODEV, ENXIO -> ": no such interface or queue";
            default -> "";
        };
        return new DeviceException("AF_XDP on " + name + ": " + call + " failed: " + strerror(errno) + " (errno "
                + errno + ")" + cause);
    }

    int fd() {
        return fd;
    }

    boolean zeroCopy() {
        return zeroCopy;
    }

    boolean needWakeup() {
        return needWakeup;
    }

    /** Makes the kernel send what the TX ring holds (copy mode sends only inside this call). */
    void kickTransmit() {
        try {
            long ignored = (long) SEND.invokeExact(err, fd, 0L, 0L, MSG_DONTWAIT);
        } catch (Throwable ignored) {
            // counted as not sent when the completion never comes
        }
    }

    /** Wakes the kernel's receive side (zero-copy drivers that asked for it on the fill ring). */
    void wakeReceive() {
        try {
            long ignored = (long) RECV.invokeExact(err, fd, 0L, 0L, MSG_DONTWAIT);
        } catch (Throwable ignored) {
            // the next burst tries again
        }
    }

    /** Waits up to {@code timeoutMillis} for received frames; true if some are ready. */
    boolean await(int timeoutMillis) {
        pollfd.set(ValueLayout.JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        try {
            return (int) POLL.invokeExact(err, pollfd, 1L, timeoutMillis) > 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * The kernel's counters ({@code struct xdp_statistics}): rx_dropped, rx_invalid_descs,
     * tx_invalid_descs, rx_ring_full, rx_fill_ring_empty_descs, tx_ring_empty_descs; zeros if
     * unavailable. Any thread.
     */
    synchronized long[] statistics() {
        long[] s = new long[6];
        statisticsLength.set(ValueLayout.JAVA_INT, 0, 48);
        try {
            int r = (int) GETSOCKOPT.invokeExact(err, fd, SOL_XDP, XDP_STATISTICS, statistics, statisticsLength);
            if (r == 0) {
                for (int i = 0; i < 6; i++) {
                    s[i] = statistics.get(ValueLayout.JAVA_LONG, i * 8L);
                }
            }
        } catch (Throwable ignored) {
            // zeros
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < maps.length; i += 2) {
            if (maps[i] != 0) {
                try {
                    int ignored = (int) MUNMAP.invokeExact(err, maps[i], maps[i + 1]);
                } catch (Throwable ignored) {
                    // nothing left to do
                }
                maps[i] = 0;
            }
        }
        if (fd >= 0) {
            try {
                int ignored = (int) CLOSE.invokeExact(err, fd);
            } catch (Throwable ignored) {
                // nothing left to do
            }
            fd = -1;
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
