package io.jmill.driver.afxdp;

import io.jmill.driver.DeviceException;
import io.jmill.driver.afpacket.Linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The XDP side of an {@link AfXdpDevice}: the XSKMAP of its sockets and the program attached to
 * the interface through a BPF link. A link belongs to its file descriptor: closing it detaches the
 * program, and so does the end of the process however it ends (Ctrl-C, a crash, {@code kill -9}),
 * so no program of a dead JMill stays attached. {@link #replace} swaps the program in one step
 * ({@code BPF_LINK_UPDATE}): each frame runs either the old or the new program.
 *
 * <p>Attach modes: native (the driver runs XDP) is tried first, generic (the kernel runs it on the
 * socket buffer, any interface) when the driver lacks it, unless a mode was forced.
 */
final class XdpAttachment implements AutoCloseable {
    private static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    private static final int XDP_FLAGS_DRV_MODE = 1 << 2;

    private final String name;
    private int xskMap;
    private int program = -1;
    private int link = -1;
    private boolean generic;
    private XdpProgram current;

    /** Creates the XSKMAP for queues 0 to {@code queues - 1}. */
    XdpAttachment(String name, int queues) throws DeviceException {
        this.name = name;
        try {
            this.xskMap = Bpf.createMap(Bpf.MAP_TYPE_XSKMAP, 4, queues, "jmill_xsks");
        } catch (DeviceException e) {
            throw new DeviceException("AF_XDP on " + name + ": " + e.getMessage(), e);
        }
    }

    int xskMap() {
        return xskMap;
    }

    /** Puts the socket {@code fd} of queue {@code queue} into the map. */
    void addSocket(int queue, int fd) throws DeviceException {
        try {
            Bpf.updateMap(xskMap, queue, fd);
        } catch (DeviceException e) {
            throw new DeviceException("AF_XDP on " + name + ": " + e.getMessage(), e);
        }
    }

    /** Loads {@code p} and attaches it to {@code ifindex} in {@code mode}, falling back from native to generic. */
    void attach(XdpProgram p, int ifindex, AfXdpOptions.XdpMode mode) throws DeviceException {
        int fd = load(p);
        try {
            if (mode != AfXdpOptions.XdpMode.GENERIC) {
                try {
                    link = Bpf.createXdpLink(fd, ifindex, XDP_FLAGS_DRV_MODE);
                } catch (DeviceException e) {
                    if (mode == AfXdpOptions.XdpMode.NATIVE || busy(e)) {
                        throw e;
                    }
                }
            }
            if (link < 0) {
                link = Bpf.createXdpLink(fd, ifindex, XDP_FLAGS_SKB_MODE);
                generic = true;
            }
        } catch (DeviceException e) {
            close(fd);
            String hint = busy(e) ? " (another XDP program is attached to " + name + "; detach it with"
                    + " 'ip link set dev " + name + " xdp off')" : "";
            throw new DeviceException("AF_XDP on " + name + ": attaching the XDP program: " + e.getMessage() + hint, e);
        }
        program = fd;
        current = p;
    }

    private static boolean busy(DeviceException e) {
        String m = e.getMessage();
        return m.contains("errno " + Linux.EBUSY + ")") || m.contains("errno " + Linux.EEXIST + ")");
    }

    /** Replaces the attached program by {@code p} atomically. */
    synchronized void replace(XdpProgram p) throws DeviceException {
        int fd = load(p);
        try {
            Bpf.updateLink(link, fd);
        } catch (DeviceException e) {
            close(fd);
            throw new DeviceException("AF_XDP on " + name + ": replacing the XDP program: " + e.getMessage(), e);
        }
        close(program);
        program = fd;
        current = p;
    }

    private int load(XdpProgram p) throws DeviceException {
        try {
            return Bpf.loadXdp(p.instructions(), "jmill_xsk", "Dual MIT/GPL");
        } catch (DeviceException e) {
            throw new DeviceException("AF_XDP on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The program attached now. */
    XdpProgram program() {
        return current;
    }

    /** The kernel's id of the attached program (what {@code ip link} shows as {@code prog/xdp id}). */
    int programId() throws DeviceException {
        return Bpf.programId(program);
    }

    /** True if the program runs in generic (socket buffer) mode rather than in the driver. */
    boolean generic() {
        return generic;
    }

    /** Detaches the program (closing the link) and frees the map. */
    @Override
    public synchronized void close() {
        close(link);
        link = -1;
        close(program);
        program = -1;
        close(xskMap);
        xskMap = -1;
    }

    private static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = Linux.newErrnoState(a);
            int ignored = (int) Linux.CLOSE.invokeExact(err, fd);
        } catch (Throwable ignored) {
            // nothing left to do
        }
    }
}
