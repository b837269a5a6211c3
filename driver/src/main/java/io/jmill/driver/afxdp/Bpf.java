package io.jmill.driver.afxdp;

import io.jmill.driver.DeviceException;
import io.jmill.driver.afpacket.Linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The {@code bpf(2)} commands the AF_XDP driver needs, called through the FFM API (Linux x86_64):
 * create a map, update an element, load a program, create, update and detach a link. Every call
 * fills a zeroed {@code union bpf_attr} at the offsets of {@code <linux/bpf.h>}; a failure becomes
 * a {@link DeviceException} naming the command, the errno and the likely cause (a missing
 * capability, a kernel without the feature), and a refused program carries the verifier's log.
 */
final class Bpf {
    static final int MAP_TYPE_ARRAY = 2;
    static final int MAP_TYPE_XSKMAP = 17;
    static final int PROG_TYPE_XDP = 6;
    static final int ATTACH_XDP = 37;

    private static final long SYS_BPF = 321;
    private static final int MAP_CREATE = 0;
    private static final int MAP_LOOKUP_ELEM = 1;
    private static final int MAP_UPDATE_ELEM = 2;
    private static final int PROG_LOAD = 5;
    private static final int OBJ_GET_INFO_BY_FD = 15;
    private static final int LINK_CREATE = 28;
    private static final int LINK_UPDATE = 29;
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 1 << 20;

    private Bpf() {
    }

    /** A map of {@code entries} entries with 4-byte keys; its file descriptor. */
    static int createMap(int type, int valueSize, int entries, String name) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, type);
            attr.set(ValueLayout.JAVA_INT, 4, 4);
            attr.set(ValueLayout.JAVA_INT, 8, valueSize);
            attr.set(ValueLayout.JAVA_INT, 12, entries);
            putName(attr, 28, name);
            return (int) call(a, MAP_CREATE, attr, "BPF_MAP_CREATE (" + name + ")");
        }
    }

    /** Sets {@code map[key] = value} (a 4-byte value: a socket in an XSKMAP). */
    static void updateMap(int map, int key, int value) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment k = a.allocateFrom(ValueLayout.JAVA_INT, key);
            MemorySegment v = a.allocateFrom(ValueLayout.JAVA_INT, value);
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, map);
            attr.set(ValueLayout.JAVA_LONG, 8, k.address());
            attr.set(ValueLayout.JAVA_LONG, 16, v.address());
            call(a, MAP_UPDATE_ELEM, attr, "BPF_MAP_UPDATE_ELEM");
        }
    }

    /** {@code map[key]} of an array map of 8-byte values. */
    static long lookupLong(int map, int key) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment k = a.allocateFrom(ValueLayout.JAVA_INT, key);
            MemorySegment v = a.allocate(8, 8);
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, map);
            attr.set(ValueLayout.JAVA_LONG, 8, k.address());
            attr.set(ValueLayout.JAVA_LONG, 16, v.address());
            call(a, MAP_LOOKUP_ELEM, attr, "BPF_MAP_LOOKUP_ELEM");
            return v.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /**
     * Loads an XDP program; its file descriptor.
     *
     * @throws DeviceException with the verifier's log if the kernel refuses the program
     */
    static int loadXdp(long[] insns, String name, String license) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment code = a.allocate(insns.length * 8L, 8);
            for (int i = 0; i < insns.length; i++) {
                code.setAtIndex(ValueLayout.JAVA_LONG, i, insns[i]);
            }
            MemorySegment lic = a.allocateFrom(license);
            MemorySegment log = a.allocate(LOG_SIZE);
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, PROG_TYPE_XDP);
            attr.set(ValueLayout.JAVA_INT, 4, insns.length);
            attr.set(ValueLayout.JAVA_LONG, 8, code.address());
            attr.set(ValueLayout.JAVA_LONG, 16, lic.address());
            attr.set(ValueLayout.JAVA_INT, 24, 1);
            attr.set(ValueLayout.JAVA_INT, 28, LOG_SIZE);
            attr.set(ValueLayout.JAVA_LONG, 32, log.address());
            putName(attr, 48, name);
            attr.set(ValueLayout.JAVA_INT, 68, ATTACH_XDP);
            MemorySegment err = Linux.newErrnoState(a);
            long fd = syscall(err, PROG_LOAD, attr);
            if (fd < 0) {
                int e = Linux.errno(err);
                String text = log.getString(0).strip();
                throw failure("BPF_PROG_LOAD (" + name + ")", e, text.isEmpty() ? "" : "\nverifier log:\n" + tail(text));
            }
            return (int) fd;
        }
    }

    /** Attaches program {@code prog} to interface {@code ifindex} as an XDP link; the link's descriptor. */
    static int createXdpLink(int prog, int ifindex, int xdpFlags) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, prog);
            attr.set(ValueLayout.JAVA_INT, 4, ifindex);
            attr.set(ValueLayout.JAVA_INT, 8, ATTACH_XDP);
            attr.set(ValueLayout.JAVA_INT, 12, xdpFlags);
            return (int) call(a, LINK_CREATE, attr, "BPF_LINK_CREATE (XDP)");
        }
    }

    /** Replaces the program of {@code link} by {@code prog} in one step. */
    static void updateLink(int link, int prog) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, link);
            attr.set(ValueLayout.JAVA_INT, 4, prog);
            call(a, LINK_UPDATE, attr, "BPF_LINK_UPDATE");
        }
    }

    /** The id the kernel gave the program behind {@code fd} ({@code struct bpf_prog_info.id}). */
    static int programId(int fd) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = a.allocate(256, 8);
            MemorySegment attr = a.allocate(ATTR_SIZE, 8);
            attr.set(ValueLayout.JAVA_INT, 0, fd);
            attr.set(ValueLayout.JAVA_INT, 4, (int) info.byteSize());
            attr.set(ValueLayout.JAVA_LONG, 8, info.address());
            call(a, OBJ_GET_INFO_BY_FD, attr, "BPF_OBJ_GET_INFO_BY_FD");
            return info.get(ValueLayout.JAVA_INT, 4);
        }
    }

    private static long call(Arena a, int cmd, MemorySegment attr, String what) throws DeviceException {
        MemorySegment err = Linux.newErrnoState(a);
        long r = syscall(err, cmd, attr);
        if (r < 0) {
            throw failure(what, Linux.errno(err), "");
        }
        return r;
    }

    private static long syscall(MemorySegment err, int cmd, MemorySegment attr) throws DeviceException {
        try {
            return (long) Linux.SYSCALL3.invokeExact(err, SYS_BPF, cmd, attr, ATTR_SIZE);
        } catch (Throwable t) {
            throw new DeviceException("bpf(" + cmd + ") failed: " + t, t);
        }
    }

    /** The error of a failed command, with what usually causes its errno. */
    static DeviceException failure(String what, int errno, String details) {
        String cause = switch (errno) {
            case Linux.EPERM, Linux.EACCES -> ": run as root or grant CAP_BPF and CAP_NET_ADMIN"
                    + " (CAP_SYS_ADMIN on kernels before 5.8)";
            case Linux.ENOSYS -> ": the kernel has no bpf() system call (CONFIG_BPF_SYSCALL)";
            case Linux.EINVAL -> details.isEmpty() ? ": the kernel does not know this command or map type" : "";
            default -> "";
        };
        return new DeviceException(what + " failed: " + Linux.strerror(errno) + " (errno " + errno + ")" + cause + details);
    }

    private static void putName(MemorySegment attr, long offset, String name) {
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(b.length, 15); i++) {
            attr.set(ValueLayout.JAVA_BYTE, offset + i, b[i]);
        }
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : "..." + log.substring(log.length() - 4000);
    }
}
