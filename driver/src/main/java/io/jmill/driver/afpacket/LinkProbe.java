package io.jmill.driver.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jmill.driver.afpacket.Linux.*;

/**
 * Asks the kernel how one AF_PACKET socket's interface is, for its {@link LinkWatch}: used by the
 * thread that uses the socket, off the data path (when a receive ring has been empty for a while,
 * when poll() reports an error, when a send fails).
 */
final class LinkProbe {
    private final int fd;
    private final MemorySegment err;
    private final MemorySegment value;
    private final MemorySegment length;
    private final MemorySegment address;

    LinkProbe(Arena arena, MemorySegment err, int fd) {
        this.fd = fd;
        this.err = err;
        this.value = arena.allocate(ValueLayout.JAVA_INT);
        this.length = arena.allocate(ValueLayout.JAVA_INT);
        this.address = arena.allocate(20, 4);
    }

    /**
     * Takes the socket's pending error (SO_ERROR, which clears it) and says what it means:
     * {@link LinkWatch#UP} when there is none or another one.
     */
    int pendingError() {
        value.set(ValueLayout.JAVA_INT, 0, 0);
        length.set(ValueLayout.JAVA_INT, 0, 4);
        try {
            int r = (int) GETSOCKOPT.invokeExact(err, fd, SOL_SOCKET, SO_ERROR, value, length);
            return r == 0 ? afterError(value.get(ValueLayout.JAVA_INT, 0)) : LinkWatch.UP;
        } catch (Throwable t) {
            return LinkWatch.UP;
        }
    }

    /** What a call failing with {@code errno} says about the interface. */
    int afterError(int errno) {
        if (errno == ENXIO || errno == ENODEV) {
            return LinkWatch.DELETED;
        }
        if (errno != ENETDOWN) {
            return LinkWatch.UP;
        }
        return unbound() ? LinkWatch.DELETED : LinkWatch.DOWN;
    }

    /** True if the kernel unbound the socket (its interface index is -1): the interface was unregistered. */
    private boolean unbound() {
        length.set(ValueLayout.JAVA_INT, 0, 20);
        try {
            int r = (int) GETSOCKNAME.invokeExact(err, fd, address, length);
            return r == 0 && address.get(ValueLayout.JAVA_INT, 4) == -1;
        } catch (Throwable t) {
            return false;
        }
    }
}
