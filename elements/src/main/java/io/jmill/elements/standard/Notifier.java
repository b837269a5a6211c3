package io.jmill.elements.standard;

/**
 * An element that tells the elements around it whether it has packets to give (an "empty"
 * notifier: a queue, to the tasks that pull from it) or room to take them (a "full" notifier: a
 * queue with a nonfull signal, to the sources that push into it), as Click's notifiers do. The
 * router's {@link NotifierSignals} hands each notifier its signals, in configuration order, before
 * any element asks for one; elements find the signals around them with
 * {@link NotifierSignals#upstreamEmpty} and {@link NotifierSignals#downstreamFull}.
 */
public interface Notifier {
    /** Takes this element's signals from {@code signals} (called once, before they are read). */
    void allocateSignals(NotifierSignals signals);

    /** The signal that is active while this element may have packets to pull, or null if it has none. */
    default NotifierSignal emptySignal() {
        return null;
    }

    /** The signal that is active while this element has room for pushed packets, or null if it has none. */
    default NotifierSignal nonfullSignal() {
        return null;
    }

    /** With a nonfull signal: how many packets it can take now (a hint; it may change at once). */
    default int room() {
        return Integer.MAX_VALUE;
    }
}
