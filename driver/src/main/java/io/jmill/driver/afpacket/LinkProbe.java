package io.jmill.driver.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static io.jmill.driver.afpacket.Linux.*;

/**
 * One AF_PACKET socket's view of its interface, for its device's {@link LinkWatch}: used by the
 * thread that uses the socket, off the data path (when a receive ring has been empty for a while,
 * when poll() reports an error, when a send fails).
 *
 * <p>Deleting an interface first brings it down: a socket can see ENETDOWN while the interface
 * still exists and be unbound a moment later. So ENETDOWN on a socket that is still bound is only
 * a suspicion until the next look: unbound by then, the interface was deleted; still bound, it is
 * down. A socket whose interface went down gets no further error when it is then deleted (the
 * kernel had already taken its hook away), so while down every look asks whether it is still bound.
 */
final class LinkProbe {
    private final int fd;
    private final MemorySegment err;
    private final MemorySegment value;
    private final MemorySegment length;
    private final MemorySegment address;
    private int state = LinkWatch.UP;
    private boolean suspect;

    LinkProbe(Arena arena, MemorySegment err, int fd) {
        this.fd = fd;
        this.err = err;
        this.value = arena.allocate(ValueLayout.JAVA_INT);
        this.length = arena.allocate(ValueLayout.JAVA_INT);
        this.address = arena.allocate(20, 4);
    }

    /** The socket's pending error (SO_ERROR, which clears it), 0 if none. */
    int pendingError() {
        value.set(ValueLayout.JAVA_INT, 0, 0);
        length.set(ValueLayout.JAVA_INT, 0, 4);
        try {
            int r = (int) GETSOCKOPT.invokeExact(err, fd, SOL_SOCKET, SO_ERROR, value, length);
            return r == 0 ? value.get(ValueLayout.JAVA_INT, 0) : 0;
        } catch (Throwable t) {
            return 0;
        }
    }

    /**
     * Takes in what a call or the socket reported ({@code errno}, 0 for nothing) and returns the
     * interface's state as this socket now sees it: {@link LinkWatch#UP}, {@code DOWN} or
     * {@code DELETED} (final).
     */
    int look(int errno) {
        if (state == LinkWatch.DELETED) {
            return state;
        }
        if (errno == ENXIO || errno == ENODEV) {
            return state = LinkWatch.DELETED;
        }
        if (errno == ENETDOWN || suspect || state == LinkWatch.DOWN) {
            if (unbound()) {
                suspect = false;
                return state = LinkWatch.DELETED;
            }
            if (state == LinkWatch.UP) {
                if (!suspect) {
                    suspect = true;
                    return state;
                }
                suspect = false;
                state = LinkWatch.DOWN;
            }
        }
        return state;
    }

    /** The socket passed frames again: its interface is up. */
    void up() {
        state = LinkWatch.UP;
        suspect = false;
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
