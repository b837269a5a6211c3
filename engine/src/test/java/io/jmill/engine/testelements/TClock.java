package io.jmill.engine.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;

/**
 * Test element. Records, for each of the first 4096 packets, what {@link WorkerClock#nanos()}
 * said and what {@link System#nanoTime()} said right after, then passes the packet on.
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class TClock extends Element {
    public final long[] worker = new long[4096];
    public final long[] system = new long[4096];
    public final String[] threads = new String[4096];
    public int seen;

    public TClock(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        if (seen < worker.length) {
            worker[seen] = WorkerClock.nanos();
            system[seen] = System.nanoTime();
            threads[seen] = Thread.currentThread().getName();
            seen++;
        }
        output(0, p);
    }
}
