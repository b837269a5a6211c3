package io.jmill.layout;

/**
 * A thread with its own packet cache: {@link PacketPool#alloc()} and {@link Packet#kill()} on
 * this thread touch the shared free list only once per block of packets. The cache is returned
 * to the shared list when the thread's work ends.
 */
public class PacketThread extends Thread {
    final PacketPool.Cache cache = PacketPool.newCache();

    public PacketThread(Runnable work, String name) {
        super(work, name);
    }

    @Override
    public void run() {
        try {
            super.run();
        } finally {
            cache.flush();
        }
    }
}
