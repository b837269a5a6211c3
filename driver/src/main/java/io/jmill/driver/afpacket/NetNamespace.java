package io.jmill.driver.afpacket;

import io.jmill.driver.DeviceException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Runs code inside a named network namespace (one made by {@code ip netns add NAME}, found at
 * {@code /var/run/netns/NAME}): on a fresh thread that first joins the namespace with
 * {@code setns(2)}, which changes only that thread's namespace. Sockets made there stay in that
 * namespace for their whole life, whichever thread uses them afterwards; that is how an
 * {@link AfPacketDevice} opens an interface of another namespace. Needs CAP_SYS_ADMIN.
 */
@SuppressWarnings("restricted") // binds open/setns/close from libc
public final class NetNamespace {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private NetNamespace() {
    }

    /** The file of namespace {@code name}: {@code /var/run/netns/NAME}, or {@code name} itself if it is a path. */
    public static Path path(String name) {
        return name.indexOf('/') >= 0 ? Path.of(name) : Path.of("/var/run/netns", name);
    }

    /**
     * Runs {@code work} on a new thread inside namespace {@code name} and returns its result;
     * runs it here when {@code name} is null. Exceptions of {@code work} come out as they are
     * ({@link DeviceException}) or wrapped in one.
     */
    public static <T> T call(String name, Callable<T> work) throws DeviceException {
        if (name == null) {
            try {
                return work.call();
            } catch (DeviceException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DeviceException(e.getMessage(), e);
            }
        }
        Path p = path(name);
        if (!Files.exists(p)) {
            throw new DeviceException("no such network namespace '" + name + "' (" + p + ")");
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                enter(name, p);
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "jmill-netns-" + name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while opening in network namespace '" + name + "'", e);
        }
        Throwable e = failure.get();
        if (e instanceof DeviceException d) {
            throw d;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new DeviceException(e.getMessage(), e);
        }
        return result.get();
    }

    /** Moves the calling thread into namespace {@code name} for good. */
    public static void enter(String name) throws DeviceException {
        enter(name, path(name));
    }

    private static void enter(String name, Path p) throws DeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = a.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(err, a.allocateFrom(p.toString()), O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                int e = (int) ERRNO.get(err, 0L);
                throw new DeviceException("cannot open network namespace '" + name + "' (" + p + "): "
                        + Linux.strerror(e));
            }
            int r = (int) SETNS.invokeExact(err, fd, CLONE_NEWNET);
            int e = (int) ERRNO.get(err, 0L);
            int ignored = (int) CLOSE.invokeExact(fd);
            if (r != 0) {
                throw new DeviceException(e == Linux.EPERM
                        ? "permission denied entering network namespace '" + name + "': run as root or grant CAP_SYS_ADMIN"
                        : "cannot enter network namespace '" + name + "': " + Linux.strerror(e));
            }
        } catch (DeviceException e) {
            throw e;
        } catch (Throwable t) {
            throw new DeviceException("cannot enter network namespace '" + name + "': " + t, t);
        }
    }
}
