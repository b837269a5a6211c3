package io.jmill.driver.afxdp;

import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.QueueStats;
import io.jmill.driver.Xchange;
import io.jmill.driver.afpacket.Linux;
import io.jmill.driver.afpacket.NetNamespace;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Linux interface through AF_XDP sockets, bound with the FFM API (Linux x86_64): one socket per
 * queue, an XDP program that JMill generates, loads and attaches, and JMill's packet memory as the
 * UMEM, so that a received frame is already a packet.
 *
 * <p>Frames and slots. The UMEM is the whole packet memory, registered with unaligned chunks. For
 * each buffer posted to the fill ring the device gives an address inside the buffer's own slot,
 * chosen so that the kernel (which puts a frame {@code XDP_PACKET_HEADROOM} = 256 bytes after the
 * address it was given) writes the frame exactly at the packet's data offset: 128 (the pool's
 * headroom) in the COPYING model, {@link XdpProgram#XCHANGE_DATA_OFFSET} in the XCHANGE model,
 * where the metadata area the XDP program fills in front of the frame then covers the slot's
 * metadata. A descriptor's address minus that shift is the slot: no copy, no lookup.
 *
 * <p>Metadata. COPYING: the XDP program only redirects; the worker parses the frame
 * ({@link FrameHeaders}) and fills a driver descriptor, then the packet. XCHANGE: the XDP program
 * writes the application's fields in the active layout ({@link XdpProgram}); the worker does no
 * per-field work. When the active layout or the X-Change field set changes, the next burst
 * regenerates the program and swaps it in atomically ({@code BPF_LINK_UPDATE}); frames written by
 * the old program are recognized by their stamp and filled on the worker. With
 * {@code xdpMetadata(false)} the worker writes the same fields itself (for measurements).
 *
 * <p>Transmit: the packet's data address goes into the TX ring as it is; the buffer comes back on
 * the completion ring and returns to the thread's exchange list (XCHANGE) or the pool. Copy-mode
 * sockets send when asked with {@code sendto}; {@link TxKicks} asks once per received burst.
 *
 * <p>Fallbacks, reported by {@link #mode()}: native XDP, else generic; zero-copy, else copy.
 * Needs CAP_NET_ADMIN, CAP_BPF (or CAP_SYS_ADMIN) and CAP_NET_RAW; errors name the failing call,
 * the errno and the missing capability. {@link #close()} detaches the program; so does the end of
 * the process, however it ends (the program is attached through a BPF link).
 */
public final class AfXdpDevice implements Device {
    private static final int XDP_PACKET_HEADROOM = 256;
    private static final int SIOCGIFHWADDR = 0x8927;
    private static final AtomicInteger TAGS = new AtomicInteger(0x4A4D_0000);

    private final AfXdpOptions options;
    private final int ifindex;
    private final int port;
    private final byte[] mac;
    private final XdpAttachment xdp;
    private final XskQueue[] queues;
    private final QueueStats[] stats;
    private final long epochShift;
    private final AtomicLong unstamped = new AtomicLong();
    private final AtomicInteger regenerations = new AtomicInteger();
    private volatile long fields = Xchange.ALL_FIELDS;
    private volatile int tag;
    private boolean closed;

    private AfXdpDevice(AfXdpOptions o, int ifindex, byte[] mac, XdpAttachment xdp, long epochShift) {
        this.options = o;
        this.ifindex = ifindex;
        this.port = o.port() >= 0 ? o.port() : ifindex;
        this.mac = mac;
        this.xdp = xdp;
        this.queues = new XskQueue[o.queues()];
        this.stats = new QueueStats[o.queues()];
        this.epochShift = epochShift;
        for (int q = 0; q < stats.length; q++) {
            stats[q] = new QueueStats();
        }
    }

    /**
     * Opens the interface's queues and attaches the XDP program.
     *
     * @throws DeviceException naming the failing call, its errno and the likely cause
     */
    public static AfXdpDevice open(AfXdpOptions o) throws DeviceException {
        return NetNamespace.call(o.netns(), () -> openHere(o));
    }

    private static AfXdpDevice openHere(AfXdpOptions o) throws DeviceException {
        String name = o.interfaceName();
        if (o.queues() < 1 || o.queues() > MAX_QUEUES) {
            throw new DeviceException("bad queue count " + o.queues() + " for " + name + ": must be between 1 and "
                    + MAX_QUEUES);
        }
        if (o.ringSize() < 64 || o.ringSize() > 16384 || Integer.bitCount(o.ringSize()) != 1) {
            throw new DeviceException("bad ring size " + o.ringSize() + " for " + name
                    + ": must be a power of two from 64 to 16384");
        }
        if (o.model() == MetadataModel.OVERLAYING) {
            throw new DeviceException("AF_XDP on " + name + ": model overlaying is not offered (use copying or xchange)");
        }
        if (!o.receive() && !o.transmit()) {
            throw new DeviceException("AF_XDP on " + name + ": neither receive nor transmit");
        }
        int ifindex = interfaceIndex(name);
        byte[] mac = hardwareAddress(name);
        long epochShift = epochShift();
        XdpAttachment xdp = o.receive() ? new XdpAttachment(name, o.queues()) : null;
        AfXdpDevice d = new AfXdpDevice(o, ifindex, mac, xdp, epochShift);
        try {
            int frameOffset = o.model() == MetadataModel.XCHANGE ? XdpProgram.XCHANGE_DATA_OFFSET : PacketPool.HEADROOM;
            int chunk = chunkSize(frameOffset);
            for (int q = 0; q < d.queues.length; q++) {
                XskSocket s = new XskSocket(name, ifindex, q, chunk, o.ringSize(), o.receive(), o.transmit(), o.copy(),
                        o.needWakeup());
                d.queues[q] = new XskQueue(d, o, q, d.port, s, d.stats[q], new FrameHeaders(mac), frameOffset,
                        epochShift);
                if (o.receive()) {
                    d.queues[q].fill();
                    xdp.addSocket(q, s.fd());
                }
            }
            if (xdp != null) {
                xdp.attach(d.generate(MetadataLayout.active(), d.fields), ifindex, o.xdpMode(), o.replaceProgram());
                d.tag = xdp.program().tag();
            }
            return d;
        } catch (DeviceException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * What the kernel adds to a fill address before the frame: {@code slot + shift} makes the frame
     * start at {@code frameOffset} in the slot's buffer.
     */
    static long fillShift(int frameOffset) {
        return PacketPool.METADATA_SIZE + frameOffset - XDP_PACKET_HEADROOM;
    }

    /** The UMEM chunk size: from the fill address to the end of the slot (never into the next one). */
    static int chunkSize(int frameOffset) {
        return (int) Math.min(PacketPool.SLOT_SIZE, PacketPool.SLOT_SIZE - fillShift(frameOffset));
    }

    private XdpProgram generate(MetadataLayout layout, long mask) {
        if (options.model() != MetadataModel.XCHANGE || !options.xdpMetadata()) {
            return XdpProgram.redirectOnly(xdp.xskMap());
        }
        return XdpProgram.xchange(xdp.xskMap(), layout, mask, port, new FrameHeaders(mac), options.paintQueue(),
                epochShift, TAGS.incrementAndGet());
    }

    /** CLOCK_REALTIME minus CLOCK_MONOTONIC (System.nanoTime's clock on Linux), in ns. */
    private static long epochShift() {
        Instant now = Instant.now();
        long mono = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
    }

    static int interfaceIndex(String name) throws DeviceException {
        if (name.isEmpty() || name.length() > 15 || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new DeviceException("no such interface '" + name + "'");
        }
        try (Arena a = Arena.ofConfined()) {
            int index = (int) Linux.IF_NAMETOINDEX.invokeExact(Linux.newErrnoState(a), a.allocateFrom(name));
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

    /** The interface's MAC address ({@code SIOCGIFHWADDR} on a datagram socket). */
    private static byte[] hardwareAddress(String name) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = Linux.newErrnoState(a);
            int fd = (int) Linux.SOCKET.invokeExact(err, 2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0);
            if (fd < 0) {
                throw new DeviceException("AF_XDP on " + name + ": socket() failed: " + Linux.strerror(Linux.errno(err)));
            }
            MemorySegment ifr = a.allocate(40, 8);
            byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            int r = (int) Linux.IOCTL.invokeExact(err, fd, (long) SIOCGIFHWADDR, ifr);
            int e = Linux.errno(err);
            int ignored = (int) Linux.CLOSE.invokeExact(err, fd);
            if (r != 0) {
                throw new DeviceException("AF_XDP on " + name + ": ioctl(SIOCGIFHWADDR) failed: " + Linux.strerror(e));
            }
            byte[] mac = new byte[6];
            MemorySegment.copy(ifr, ValueLayout.JAVA_BYTE, 18, mac, 0, 6);
            return mac;
        } catch (DeviceException e) {
            throw e;
        } catch (Throwable t) {
            throw new DeviceException("AF_XDP on " + name + ": " + t, t);
        }
    }

    // ------------------------------------------------------------------ X-Change program

    /** The stamp of the current program, after regenerating it if the layout or field set changed. */
    int currentTag() {
        XdpProgram p = xdp.program();
        if (p.layout() != MetadataLayout.active() || p.fields() != fields) {
            refresh();
        }
        return tag;
    }

    private synchronized void refresh() {
        XdpProgram p = xdp.program();
        MetadataLayout active = MetadataLayout.active();
        long mask = fields;
        if (p.layout() == active && p.fields() == mask) {
            return;
        }
        XdpProgram next = generate(active, mask);
        try {
            xdp.replace(next);
            tag = next.tag();
            regenerations.incrementAndGet();
        } catch (DeviceException e) {
            // Keep the old program: its frames are filled on the worker (counted as unstamped).
            tag = -1;
            System.err.println(e.getMessage());
        }
    }

    long fields() {
        return fields;
    }

    void countUnstamped() {
        unstamped.incrementAndGet();
    }

    // ------------------------------------------------------------------ Device

    @Override
    public String name() {
        return options.interfaceName();
    }

    @Override
    public String kind() {
        return "AF_XDP";
    }

    @Override
    public int port() {
        return port;
    }

    public int interfaceIndex() {
        return ifindex;
    }

    /** The interface's MAC address (what the packet type is decided by). */
    public byte[] macAddress() {
        return mac.clone();
    }

    @Override
    public MetadataModel model() {
        return options.model();
    }

    @Override
    public int queues() {
        return queues.length;
    }

    public AfXdpOptions options() {
        return options;
    }

    @Override
    public int receive(int queue, PacketBatch batch, int max) {
        return queues[queue].receive(batch, max);
    }

    @Override
    public boolean transmit(int queue, Packet p) {
        return queues[queue].transmit(p);
    }

    @Override
    public void flush(int queue) {
        queues[queue].kick();
    }

    @Override
    public QueueStats stats(int queue) {
        return stats[queue];
    }

    @Override
    public void xchangeFields(long fields) {
        this.fields = fields;
    }

    /** Waits up to {@code timeoutMillis} for frames on {@code queue}; true if some are ready. For tests. */
    public boolean awaitReceive(int queue, int timeoutMillis) {
        return queues[queue].await(timeoutMillis);
    }

    /**
     * What the device got: {@code xdp native} or {@code xdp generic} (absent without receive),
     * {@code copy} or {@code zero-copy}, {@code need-wakeup} or not, and who writes the metadata.
     */
    public String mode() {
        XskSocket s = queues[0].socket();
        StringBuilder sb = new StringBuilder();
        if (xdp != null) {
            sb.append(xdp.generic() ? "xdp generic, " : "xdp native, ");
        }
        sb.append(s.zeroCopy() ? "zero-copy" : "copy").append(s.needWakeup() ? ", need-wakeup" : "");
        if (xdp != null) {
            sb.append(options.model() == MetadataModel.COPYING ? ", metadata by the worker (copying)"
                    : options.xdpMetadata() ? ", metadata by the XDP program (x-change)"
                    : ", metadata by the worker (x-change)");
            if (xdp.replaced() != null) {
                sb.append(", replaced XDP program ").append(xdp.replaced().programId()).append(" (")
                        .append(xdp.replaced().mode()).append(')');
            }
        }
        return sb.toString();
    }

    /** The kernel's id of the attached XDP program ({@code ip link} shows it); -1 without receive. */
    public int programId() throws DeviceException {
        return xdp == null ? -1 : xdp.programId();
    }

    /** How many times the X-Change program was regenerated for a new layout or field set. */
    public int regenerations() {
        return regenerations.get();
    }

    /** Frames that arrived without the current program's stamp and were filled on the worker. */
    public long unstamped() {
        return unstamped.get();
    }

    /**
     * Frames the kernel could not deliver, all queues: dropped, RX ring full, or no buffer posted
     * in the fill ring ({@code XDP_STATISTICS}; any thread).
     */
    public long kernelDrops() {
        long n = 0;
        for (XskQueue q : queues) {
            if (q != null) {
                long[] s = q.socket().statistics();
                n += s[0] + s[3] + s[4];
            }
        }
        return n;
    }

    /** Slots the kernel holds for this device (posted or being sent); for tests. */
    int held() {
        int n = 0;
        for (XskQueue q : queues) {
            n += q == null ? 0 : q.held();
        }
        return n;
    }

    @Override
    public String describe() {
        String program = xdp == null ? "" : ", program regenerated " + regenerations.get() + " times, "
                + unstamped.get() + " frames filled on the worker";
        return describe(", " + mode() + program);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (xdp != null) {
            xdp.close();
        }
        for (XskQueue q : queues) {
            if (q != null) {
                q.close();
            }
        }
        if (options.model() == MetadataModel.XCHANGE) {
            ExchangeList.releaseIdle();
        }
    }
}
