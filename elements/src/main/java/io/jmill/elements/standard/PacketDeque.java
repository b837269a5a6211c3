package io.jmill.elements.standard;

import io.jmill.layout.Packet;

/**
 * A bounded double-ended queue of packets for the queues that insert or drop at the front
 * (MixedQueue, FrontDropQueue). Pushing and pulling threads may differ, so every operation holds
 * the deque's lock; the array is allocated once, at configuration.
 */
final class PacketDeque {
    private final Packet[] slots;
    private int head;
    private int size;
    private int capacity;
    private int highWater;

    PacketDeque(int capacity) {
        slots = new Packet[capacity];
        this.capacity = capacity;
    }

    synchronized int size() {
        return size;
    }

    synchronized int highWater() {
        return highWater;
    }

    synchronized void resetHighWater() {
        highWater = size;
    }

    synchronized int capacity() {
        return capacity;
    }

    /** The most packets the deque can be set to hold (what was allocated). */
    int maxCapacity() {
        return slots.length;
    }

    synchronized void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean full() {
        return size >= capacity;
    }

    /** Adds {@code p} at the back; false (nothing done) if the deque is full. */
    synchronized boolean offerLast(Packet p) {
        if (size >= capacity) {
            return false;
        }
        slots[(head + size) % slots.length] = p;
        grew();
        return true;
    }

    /** Adds {@code p} at the front; false (nothing done) if the deque is full. */
    synchronized boolean offerFirst(Packet p) {
        if (size >= capacity) {
            return false;
        }
        head = (head + slots.length - 1) % slots.length;
        slots[head] = p;
        grew();
        return true;
    }

    synchronized Packet pollFirst() {
        if (size == 0) {
            return null;
        }
        Packet p = slots[head];
        slots[head] = null;
        head = (head + 1) % slots.length;
        size--;
        return p;
    }

    synchronized Packet pollLast() {
        if (size == 0) {
            return null;
        }
        int at = (head + size - 1) % slots.length;
        Packet p = slots[at];
        slots[at] = null;
        size--;
        return p;
    }

    private void grew() {
        size++;
        if (size > highWater) {
            highWater = size;
        }
    }
}
