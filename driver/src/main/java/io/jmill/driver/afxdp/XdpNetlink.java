package io.jmill.driver.afxdp;

import io.jmill.driver.DeviceException;
import io.jmill.driver.afpacket.Linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The XDP program of an interface as rtnetlink sees it (FFM): which program is attached and how
 * ({@code RTM_GETLINK}, attribute {@code IFLA_XDP}), and attaching or detaching one the way
 * {@code ip link set dev X xdp ...} does ({@code RTM_SETLINK}). A program attached this way is not
 * tied to a process: it stays when the process that attached it dies, which is what
 * {@code XDP_REPLACE} is for. One netlink socket per call, in the calling thread's network
 * namespace.
 */
final class XdpNetlink {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW_CLOEXEC = 3 | 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int RTM_SETLINK = 19;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_ACK = 4;
    private static final int NLM_F_CAPPED = 0x100;
    private static final int NLM_F_ACK_TLVS = 0x200;
    private static final int NLMSGERR_ATTR_MSG = 1;
    private static final int NLA_F_NESTED = 0x8000;
    private static final int IFLA_XDP = 43;
    private static final int IFLA_XDP_FD = 1;
    private static final int IFLA_XDP_ATTACHED = 2;
    private static final int IFLA_XDP_FLAGS = 3;
    private static final int IFLA_XDP_PROG_ID = 4;
    private static final int HEADER = 16;
    private static final int IFINFOMSG = 16;

    /** {@code XDP_ATTACHED_*}: how the program found runs. */
    static final int ATTACHED_NONE = 0;
    static final int ATTACHED_DRV = 1;
    static final int ATTACHED_SKB = 2;
    static final int ATTACHED_HW = 3;
    static final int ATTACHED_MULTI = 4;

    /** {@code XDP_FLAGS_*} of each attach mode. */
    static final int FLAGS_SKB_MODE = 1 << 1;
    static final int FLAGS_DRV_MODE = 1 << 2;
    static final int FLAGS_HW_MODE = 1 << 3;

    /**
     * The XDP program found on an interface.
     *
     * @param attached  one of the {@code ATTACHED_*} constants
     * @param programId the kernel's id of the program (0 when none, or several in different modes)
     */
    record Found(int attached, int programId) {
        boolean any() {
            return attached != ATTACHED_NONE;
        }

        /** "native", "generic", "offloaded" or "several modes". */
        String mode() {
            return switch (attached) {
                case ATTACHED_DRV -> "native";
                case ATTACHED_SKB -> "generic";
                case ATTACHED_HW -> "offloaded";
                case ATTACHED_MULTI -> "several modes";
                default -> "none";
            };
        }

        /** The attach flags to name the program's mode in {@link #set}; every mode for MULTI. */
        int[] modeFlags() {
            return switch (attached) {
                case ATTACHED_DRV -> new int[] {FLAGS_DRV_MODE};
                case ATTACHED_SKB -> new int[] {FLAGS_SKB_MODE};
                case ATTACHED_HW -> new int[] {FLAGS_HW_MODE};
                case ATTACHED_MULTI -> new int[] {FLAGS_DRV_MODE, FLAGS_SKB_MODE, FLAGS_HW_MODE};
                default -> new int[0];
            };
        }
    }

    private XdpNetlink() {
    }

    /** The XDP program attached to interface {@code ifindex}, if any. */
    static Found query(int ifindex) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment request = a.allocate(HEADER + IFINFOMSG, 8);
            header(request, RTM_GETLINK, NLM_F_REQUEST);
            request.set(ValueLayout.JAVA_INT, HEADER + 4, ifindex);
            MemorySegment reply = exchange(a, request, "RTM_GETLINK");
            int type = reply.get(ValueLayout.JAVA_SHORT, 4);
            if (type == NLMSG_ERROR) {
                throw error(reply, "RTM_GETLINK");
            }
            if (type != RTM_NEWLINK) {
                throw new DeviceException("RTM_GETLINK: unexpected netlink reply of type " + type);
            }
            int end = Math.min(reply.get(ValueLayout.JAVA_INT, 0), (int) reply.byteSize());
            for (int at = HEADER + IFINFOMSG; at + 4 <= end; at += align(attrLength(reply, at))) {
                if ((reply.get(ValueLayout.JAVA_SHORT, at + 2) & 0x3FFF) == IFLA_XDP) {
                    return xdp(reply, at + 4, at + attrLength(reply, at));
                }
            }
            return new Found(ATTACHED_NONE, 0);
        }
    }

    private static Found xdp(MemorySegment m, int from, int end) {
        int attached = ATTACHED_NONE;
        int id = 0;
        for (int at = from; at + 4 <= end; at += align(attrLength(m, at))) {
            switch (m.get(ValueLayout.JAVA_SHORT, at + 2) & 0x3FFF) {
                case IFLA_XDP_ATTACHED -> attached = m.get(ValueLayout.JAVA_BYTE, at + 4);
                case IFLA_XDP_PROG_ID -> id = m.get(ValueLayout.JAVA_INT, at + 4);
                default -> {
                }
            }
        }
        return new Found(attached, id);
    }

    /**
     * Attaches program {@code programFd} to interface {@code ifindex} in the mode of {@code flags}
     * (an {@code XDP_FLAGS_*_MODE}), replacing what runs in that mode; {@code programFd} -1
     * detaches it.
     *
     * @throws DeviceException with the kernel's own explanation when it gives one (for instance when
     *     the program is held through a BPF link)
     */
    static void set(int ifindex, int programFd, int flags) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            int length = HEADER + IFINFOMSG + 4 + 8 + 8;
            MemorySegment request = a.allocate(length, 8);
            header(request, RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK);
            request.set(ValueLayout.JAVA_INT, 0, length);
            request.set(ValueLayout.JAVA_INT, HEADER + 4, ifindex);
            int at = HEADER + IFINFOMSG;
            attr(request, at, 4 + 8 + 8, IFLA_XDP | NLA_F_NESTED);
            attr(request, at + 4, 8, IFLA_XDP_FD);
            request.set(ValueLayout.JAVA_INT, at + 8, programFd);
            attr(request, at + 12, 8, IFLA_XDP_FLAGS);
            request.set(ValueLayout.JAVA_INT, at + 16, flags);
            MemorySegment reply = exchange(a, request, "RTM_SETLINK (IFLA_XDP)");
            if (reply.get(ValueLayout.JAVA_SHORT, 4) != NLMSG_ERROR) {
                throw new DeviceException("RTM_SETLINK (IFLA_XDP): unexpected netlink reply of type "
                        + reply.get(ValueLayout.JAVA_SHORT, 4));
            }
            if (reply.get(ValueLayout.JAVA_INT, HEADER) != 0) {
                throw error(reply, "RTM_SETLINK (IFLA_XDP)");
            }
        }
    }

    private static void header(MemorySegment m, int type, int flags) {
        m.set(ValueLayout.JAVA_INT, 0, (int) m.byteSize());
        m.set(ValueLayout.JAVA_SHORT, 4, (short) type);
        m.set(ValueLayout.JAVA_SHORT, 6, (short) flags);
        m.set(ValueLayout.JAVA_INT, 8, 1);
    }

    private static void attr(MemorySegment m, int at, int length, int type) {
        m.set(ValueLayout.JAVA_SHORT, at, (short) length);
        m.set(ValueLayout.JAVA_SHORT, at + 2, (short) type);
    }

    private static int attrLength(MemorySegment m, int at) {
        return Math.max(4, m.get(ValueLayout.JAVA_SHORT, at) & 0xFFFF);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    /** Sends {@code request} to the kernel on a new NETLINK_ROUTE socket and returns the first reply message. */
    private static MemorySegment exchange(Arena a, MemorySegment request, String what) throws DeviceException {
        MemorySegment err = Linux.newErrnoState(a);
        int fd;
        try {
            fd = (int) Linux.SOCKET.invokeExact(err, AF_NETLINK, SOCK_RAW_CLOEXEC, NETLINK_ROUTE);
        } catch (Throwable t) {
            throw new DeviceException(what + ": socket(AF_NETLINK) failed: " + t, t);
        }
        if (fd < 0) {
            throw Bpf.failure(what + ": socket(AF_NETLINK)", Linux.errno(err), "");
        }
        try {
            int ignored = (int) Linux.SETSOCKOPT.invokeExact(err, fd, SOL_NETLINK, NETLINK_EXT_ACK,
                    a.allocateFrom(ValueLayout.JAVA_INT, 1), 4);
            long sent = (long) Linux.SEND.invokeExact(err, fd, request.address(), request.byteSize(), 0);
            if (sent != request.byteSize()) {
                throw Bpf.failure(what + ": send", Linux.errno(err), "");
            }
            MemorySegment reply = a.allocate(32768, 8);
            long got = (long) Linux.RECV.invokeExact(err, fd, reply.address(), reply.byteSize(), 0);
            if (got < HEADER + 4) {
                throw Bpf.failure(what + ": recv", got < 0 ? Linux.errno(err) : Linux.EINVAL, "");
            }
            return reply.asSlice(0, got);
        } catch (DeviceException e) {
            throw e;
        } catch (Throwable t) {
            throw new DeviceException(what + " failed: " + t, t);
        } finally {
            try {
                int ignored = (int) Linux.CLOSE.invokeExact(err, fd);
            } catch (Throwable ignored) {
                // nothing left to do
            }
        }
    }

    /** The failure an NLMSG_ERROR reply reports, with the kernel's extended message if there is one. */
    private static DeviceException error(MemorySegment reply, String what) {
        int errno = -reply.get(ValueLayout.JAVA_INT, HEADER);
        int flags = reply.get(ValueLayout.JAVA_SHORT, 6) & 0xFFFF;
        String message = "";
        if ((flags & NLM_F_ACK_TLVS) != 0) {
            int original = (flags & NLM_F_CAPPED) != 0 ? HEADER : reply.get(ValueLayout.JAVA_INT, HEADER + 4);
            int end = Math.min(reply.get(ValueLayout.JAVA_INT, 0), (int) reply.byteSize());
            for (int at = HEADER + 4 + align(original); at + 4 <= end; at += align(attrLength(reply, at))) {
                if ((reply.get(ValueLayout.JAVA_SHORT, at + 2) & 0x3FFF) == NLMSGERR_ATTR_MSG) {
                    byte[] text = reply.asSlice(at + 4, attrLength(reply, at) - 4).toArray(ValueLayout.JAVA_BYTE);
                    int n = 0;
                    while (n < text.length && text[n] != 0) {
                        n++;
                    }
                    message = " (the kernel says: " + new String(text, 0, n, StandardCharsets.UTF_8) + ")";
                }
            }
        }
        return Bpf.failure(what, errno, message);
    }
}
