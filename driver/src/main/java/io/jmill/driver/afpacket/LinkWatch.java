package io.jmill.driver.afpacket;

import java.util.function.Consumer;

/**
 * What an {@link AfPacketDevice} knows about its interface while it runs, said once per change.
 *
 * <p>When an interface goes down, the kernel marks every AF_PACKET socket receiving on it with
 * ENETDOWN; when it is deleted (or moved to another network namespace) it also unbinds them, for
 * good: an interface made again under the same name is another interface. Sends fail with ENETDOWN
 * or ENXIO. The device's sockets notice this through their {@link LinkProbe}s and tell the watch,
 * which reports each new state once, with the interface's name, through the device's reporter (the
 * element's error stream) and keeps it as the device's {@link #fault()}. A deleted interface stays
 * deleted: its queues stop making system calls, receive nothing and drop what is sent (counted).
 * An interface that went down and comes back up works again by itself, as it does in Click.
 */
final class LinkWatch {
    /** Link states, in the order of gravity. */
    static final int UP = 0;
    static final int DOWN = 1;
    static final int DELETED = 2;

    private final String name;
    private final Consumer<String> reporter;
    private int reported = UP;
    private volatile String fault = "";

    LinkWatch(String name, Consumer<String> reporter) {
        this.name = name;
        this.reporter = reporter;
    }

    /**
     * Records that a socket saw {@code state} ({@code what}: "receive" or "transmit"); the first
     * socket to see a new state reports it. A deleted interface never becomes down or up again.
     */
    void saw(int state, String what) {
        String message;
        synchronized (this) {
            if (state == reported || reported == DELETED) {
                return;
            }
            reported = state;
            message = switch (state) {
                case DELETED -> "AF_PACKET " + name + ": the interface was deleted (or moved to another network "
                        + "namespace) while running: " + what + " stopped on it; restart the router to use an "
                        + "interface of that name again";
                case DOWN -> "AF_PACKET " + name + ": the interface went down (" + what + "): nothing passes until it "
                        + "is up again";
                default -> "";
            };
            fault = message;
        }
        if (!message.isEmpty()) {
            reporter.accept(message);
        }
    }

    /** True once the interface is known to be deleted. */
    synchronized boolean deleted() {
        return reported == DELETED;
    }

    /** The last reported problem, or "" while the interface is up. */
    String fault() {
        return fault;
    }
}
