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
 *
 * <p>A program found attached (by another tool, or left by a program that attached it the classic
 * way and died) is reported with its id, or detached first when asked to ({@code XDP_REPLACE}).
 */
final class XdpAttachment implements AutoCloseable {
    private static final int XDP_FLAGS_SKB_MODE = XdpNetlink.FLAGS_SKB_MODE;
    private static final int XDP_FLAGS_DRV_MODE = XdpNetlink.FLAGS_DRV_MODE;

    private final String name;
    private int xskMap;
    private int program = -1;
    private int link = -1;
    private boolean generic;
    private XdpProgram current;
    private XdpNetlink.Found replaced;

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

    /**
     * Loads {@code p} and attaches it to {@code ifindex} in {@code mode}, falling back from native
     * to generic. When another XDP program is attached, refuses, saying which program it is and
     * how to remove it; with {@code replace} detaches it first (rtnetlink, as {@code ip link set dev
     * X xdp off} does), which works for programs attached the classic way, not held through
     * another process's BPF link.
     */
    void attach(XdpProgram p, int ifindex, AfXdpOptions.XdpMode mode, boolean replace) throws DeviceException {
        int fd = load(p);
        try {
            try {
                linkTo(fd, ifindex, mode);
            } catch (DeviceException e) {
                if (!busy(e)) {
                    throw new DeviceException("AF_XDP on " + name + ": attaching the XDP program: " + e.getMessage(), e);
                }
                XdpNetlink.Found found = XdpNetlink.query(ifindex);
                if (!replace) {
                    throw new DeviceException("AF_XDP on " + name + ": attaching the XDP program: " + e.getMessage()
                            + " (" + describe(found) + " is attached to " + name + "; detach it with 'ip link set dev "
                            + name + " xdp off', or have JMill replace it with XDP_REPLACE true)", e);
                }
                takeOver(found, ifindex);
                linkTo(fd, ifindex, mode);
                replaced = found;
            }
        } catch (DeviceException e) {
            close(fd);
            throw e;
        }
        program = fd;
        current = p;
    }

    private static String describe(XdpNetlink.Found found) {
        return found.any() ? "XDP program " + found.programId() + " (" + found.mode() + ")" : "another XDP program";
    }

    /** Detaches the program {@code found} on the interface. */
    private void takeOver(XdpNetlink.Found found, int ifindex) throws DeviceException {
        try {
            for (int flags : found.modeFlags()) {
                XdpNetlink.set(ifindex, -1, flags);
            }
        } catch (DeviceException e) {
            String hint = e.getMessage().contains("errno " + Linux.EBUSY + ")")
                    ? ": a running process holds it through a BPF link; stop that process" : "";
            throw new DeviceException("AF_XDP on " + name + ": replacing " + describe(found) + ": " + e.getMessage() + hint, e);
        }
    }

    /** Attaches program {@code fd} through a new BPF link in {@code mode}. */
    private void linkTo(int fd, int ifindex, AfXdpOptions.XdpMode mode) throws DeviceException {
        if (mode != AfXdpOptions.XdpMode.GENERIC) {
            try {
                link = Bpf.createXdpLink(fd, ifindex, XDP_FLAGS_DRV_MODE);
                return;
            } catch (DeviceException e) {
                if (mode == AfXdpOptions.XdpMode.NATIVE || busy(e)) {
                    throw e;
                }
            }
        }
        link = Bpf.createXdpLink(fd, ifindex, XDP_FLAGS_SKB_MODE);
        generic = true;
    }

    /** The program this attachment replaced, or null if the interface had none. */
    XdpNetlink.Found replaced() {
        return replaced;
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
