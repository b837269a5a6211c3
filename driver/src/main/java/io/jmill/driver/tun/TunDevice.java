package io.jmill.driver.tun;

import io.jmill.driver.DeviceException;
import io.jmill.driver.afpacket.NetNamespace;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A Linux tun or tap interface, opened through {@code /dev/net/tun} with Panama FFM: IP packets
 * (tun) or Ethernet frames (tap), without the packet-information prefix, read and written
 * non-blocking straight from and into packet memory. The interface is configured (address, MTU,
 * up, a default route) with iproute2's {@code ip}, as Click's KernelTun runs {@code ifconfig}.
 *
 * <pre>{@code
 * TunDevice tun = TunDevice.open("tun0", false, null);
 * tun.configure("10.0.0.1/24", null, 1500, null);
 * long n = tun.read(address, capacity);   // -1: nothing to read now
 * }</pre>
 *
 * <p>One thread reads and writes at a time (the worker that runs the element); errors on the data
 * path are counted by the caller, not thrown.
 */
@SuppressWarnings("restricted") // binding libc is the point of this class
public final class TunDevice implements AutoCloseable {
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final int IFNAMSIZ = 16;
    static final int EAGAIN = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = libc("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle IOCTL = libc("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), true);
    /** read/write take the buffer as a plain address: no segment object per packet. */
    private static final MethodHandle READ = libc("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    // no errno capture: write is called from any thread (ToHost pushes), and only its result counts
    private static final MethodHandle WRITE = libc("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final int fd;
    private final String name;
    private final boolean tap;
    private final String netns;
    /** errno capture for {@link #read}, reused (one reading thread at a time). */
    private final MemorySegment errno = Arena.ofAuto().allocate(CAPTURE);
    private volatile boolean closed;

    private TunDevice(int fd, String name, boolean tap, String netns) {
        this.fd = fd;
        this.name = name;
        this.tap = tap;
        this.netns = netns;
    }

    private static MethodHandle libc(String fn, FunctionDescriptor d, boolean errno) {
        var addr = LINKER.defaultLookup().find(fn).orElseThrow();
        return errno ? LINKER.downcallHandle(addr, d, Linker.Option.captureCallState("errno"))
                : LINKER.downcallHandle(addr, d);
    }

    /**
     * Creates (or attaches to) interface {@code name} (empty: the kernel picks {@code tunN} or
     * {@code tapN}) in network namespace {@code netns} (null: this one).
     */
    public static TunDevice open(String name, boolean tap, String netns) throws DeviceException {
        if (name.length() >= IFNAMSIZ) {
            throw new DeviceException("device name '" + name + "' is longer than " + (IFNAMSIZ - 1) + " characters");
        }
        return NetNamespace.call(netns, () -> openHere(name, tap, netns));
    }

    private static TunDevice openHere(String name, boolean tap, String netns) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(err, a.allocateFrom("/dev/net/tun"), O_RDWR | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0) {
                int e = (int) ERRNO.get(err, 0L);
                throw new DeviceException("open(/dev/net/tun): " + strerror(e)
                        + (e == 2 ? " (no tun driver: modprobe tun)" : e == 1 || e == 13 ? " (needs CAP_NET_ADMIN)" : ""));
            }
            MemorySegment ifr = a.allocate(40);
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, JAVA_BYTE_LAYOUT, 0, n.length);
            ifr.set(java.lang.foreign.ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) ((tap ? IFF_TAP : IFF_TUN) | IFF_NO_PI));
            int r = (int) IOCTL.invokeExact(err, fd, TUNSETIFF, ifr);
            if (r < 0) {
                int e = (int) ERRNO.get(err, 0L);
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new DeviceException("ioctl(TUNSETIFF, " + (name.isEmpty() ? "<any>" : name) + "): " + strerror(e)
                        + (e == 1 ? " (needs CAP_NET_ADMIN)" : e == 16 ? " (the device is in use)" : ""));
            }
            String actual = ifr.getString(0, StandardCharsets.US_ASCII);
            return new TunDevice(fd, actual, tap, netns);
        } catch (DeviceException e) {
            throw e;
        } catch (Throwable t) {
            throw new DeviceException("opening /dev/net/tun: " + t, t);
        }
    }

    private static final java.lang.foreign.ValueLayout.OfByte JAVA_BYTE_LAYOUT = java.lang.foreign.ValueLayout.JAVA_BYTE;

    /**
     * Gives the interface its address ({@code ADDR/LEN}, or null), MTU (0: leave it), Ethernet
     * address (tap only, or null), brings it up, and adds a default route through
     * {@code gateway} if not null.
     */
    public void configure(String addressPrefix, String gateway, int mtu, String ether) throws DeviceException {
        if (ether != null && tap) {
            ip("link", "set", "dev", name, "address", ether);
        }
        if (mtu > 0) {
            ip("link", "set", "dev", name, "mtu", Integer.toString(mtu));
        }
        if (addressPrefix != null) {
            ip("addr", "add", addressPrefix, "dev", name);
        }
        ip("link", "set", "dev", name, "up");
        if (gateway != null) {
            ip("route", "add", "default", "via", gateway, "dev", name);
        }
    }

    private void ip(String... args) throws DeviceException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            cmd.addAll(List.of("-n", netns));
        }
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DeviceException(String.join(" ", cmd) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new DeviceException(String.join(" ", cmd) + ": " + out);
            }
        } catch (IOException e) {
            throw new DeviceException(String.join(" ", cmd) + ": " + e.getMessage() + " (is iproute2 installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(String.join(" ", cmd) + ": interrupted", e);
        }
    }

    /** The interface's name (the kernel's choice if none was given). */
    public String name() {
        return name;
    }

    public boolean tap() {
        return tap;
    }

    /**
     * Reads one packet into {@code len} bytes at native address {@code address}; returns its
     * length, or -1 if none is waiting, or {@code -errno} (below -1) on an error.
     */
    public long read(long address, int len) {
        try {
            long n = (long) READ.invokeExact(errno, fd, address, (long) len);
            if (n >= 0) {
                return n;
            }
            int e = (int) ERRNO.get(errno, 0L);
            return e == EAGAIN ? -1 : -Math.max(2, e);
        } catch (Throwable t) {
            return -2;
        }
    }

    /**
     * Writes one packet of {@code len} bytes at native address {@code address}; true if the kernel
     * took it. Any thread may write, also while another reads.
     */
    public boolean write(long address, int len) {
        try {
            return (long) WRITE.invokeExact(fd, address, (long) len) == len;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The message of an errno value. */
    public static String strerror(int e) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(e);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + e;
        }
    }

    /** Closes the file descriptor: the kernel removes the interface (it is not persistent). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable ignored) {
            // nothing more to do
        }
    }
}
