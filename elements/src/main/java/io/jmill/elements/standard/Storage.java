package io.jmill.elements.standard;

/**
 * An element that stores packets, such as {@link Queue} and {@link ThreadSafeQueue} (Click's
 * {@code Storage}): how many it holds and how many it may hold, so that an element upstream can
 * avoid pushing packets that would be dropped ({@link Unqueue2}).
 *
 * <p>Both answers are snapshots that any thread may take; a concurrent push or pull can change
 * them at once.
 */
public interface Storage {
    /** Packets stored now. */
    int length();

    /** Most packets the element stores now (its {@code capacity} handler). */
    int capacity();
}
