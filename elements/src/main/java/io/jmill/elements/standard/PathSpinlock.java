package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * Lets one thread at a time through the path that follows.
 *
 * <pre>PathSpinlock</pre>
 *
 * <p>Pushes each packet (or batch) on while holding a lock, so that elements downstream that keep
 * state without synchronization (a ToIPSummaryDump writing a file, a Counter shared by several
 * threads) are run by one worker thread at a time, as FastClick's PathSpinlock does. A thread that
 * finds the lock taken waits for it. The path must not lead back into this element.
 *
 * <p>Ports: one input, one output; push.
 *
 * <p>Example: two threads' traffic into one trace file:
 * <pre>
 * src0 -> lock :: PathSpinlock -> ToIPSummaryDump(out.txt, FIELDS thread src dst);
 * src1 -> lock;
 * StaticThreadSched(src0 0, src1 1);
 * </pre>
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class PathSpinlock extends Element {
    private final Object lock = new Object();

    public PathSpinlock(ElementConfig c) {
        super(c);
        c.args().remainingPositional();
    }

    @Override
    public void push(int port, Packet p) {
        synchronized (lock) {
            output(0, p);
        }
    }

    @Override
    public void pushBatch(int port, PacketBatch batch) {
        synchronized (lock) {
            outputBatch(0, batch);
        }
    }
}
