package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.CurrentWorker;
import io.jmill.engine.runtime.ThreadBoundary;
import io.jmill.layout.Packet;

import java.util.BitSet;

/**
 * Sends each packet to the output of the worker thread that pushes it.
 *
 * <pre>CPUSwitch()</pre>
 *
 * <p>A packet pushed by worker thread T leaves by output T modulo the number of outputs (Click's
 * threads are JMill's workers, numbered from 0 as {@code --threads N} creates them). Packets
 * pushed from outside the workers (a handler, a test) count as thread 0's. Each thread thus
 * keeps to a path of its own after a shared part of the graph.
 *
 * <p>The {@code passing_threads} handler of the elements after output K lists the threads that
 * push into CPUSwitch and map to K, as in FastClick.
 *
 * <p>Ports: one input, one or more outputs, push.
 *
 * <p>Example, two pipelines that share a classifier ({@code jmill run --threads 2}):
 * <pre>
 * a :: InfiniteSource -&gt; c :: Classifier(12/0800, -);  b :: InfiniteSource -&gt; c;
 * StaticThreadSched(a 0, b 1);
 * c[0] -&gt; cpu :: CPUSwitch;  c[1] -&gt; Discard;
 * cpu[0] -&gt; Counter -&gt; Discard;  cpu[1] -&gt; Counter -&gt; Discard;
 * </pre>
 *
 * <p>See also: ExactCPUSwitch, StaticThreadSched, RoundRobinSwitch, HashSwitch.
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class CPUSwitch extends Element implements ThreadBoundary {
    public CPUSwitch(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        output(CurrentWorker.index() % noutputs(), p);
    }

    @Override
    public void threadsPlaced(BitSet pushing, int home, int nthreads) {
    }

    @Override
    public BitSet threadsLeaving(int port, BitSet pushing, int home, int nthreads) {
        BitSet b = new BitSet(nthreads);
        for (int t = pushing.nextSetBit(0); t >= 0; t = pushing.nextSetBit(t + 1)) {
            if (t % noutputs() == port) {
                b.set(t);
            }
        }
        return b;
    }
}
