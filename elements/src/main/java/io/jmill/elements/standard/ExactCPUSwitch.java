package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.CurrentWorker;
import io.jmill.engine.runtime.ThreadBoundary;
import io.jmill.layout.Packet;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Shares its outputs evenly among the worker threads that push into it.
 *
 * <pre>ExactCPUSwitch()</pre>
 *
 * <p>As CPUSwitch, each packet leaves by an output chosen by the worker thread that pushes it,
 * but the choice counts only the threads that can push into this element: when the router
 * starts, the i-th of those threads (in ascending order, from 0) is given output i modulo the
 * number of outputs. Where threads 0, 2 and 3 push into an ExactCPUSwitch with three outputs,
 * they use outputs 0, 1 and 2 (CPUSwitch would send threads 0 and 3 both to output 0). The
 * mapping is fixed at start: a thread that did not push into the element then (a task moved
 * later by BalancedThreadSched, a handler) uses its thread number modulo the number of outputs,
 * as with CPUSwitch.
 *
 * <p>Ports: one input, one or more outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code map} (read): the output of each pushing thread, one {@code THREAD OUTPUT} pair a
 *     line.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * a :: InfiniteSource -&gt; cpu :: ExactCPUSwitch;  b :: InfiniteSource -&gt; cpu;
 * StaticThreadSched(a 1, b 3);
 * cpu[0] -&gt; Discard;  cpu[1] -&gt; Discard;
 * </pre>
 *
 * <p>See also: CPUSwitch, StaticThreadSched.
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class ExactCPUSwitch extends Element implements ThreadBoundary {
    private final State state = new State();

    private static final class State {
        /** Output of each worker, -1 for a worker that does not push here; set when the router starts. */
        volatile int[] map = new int[0];
    }

    public ExactCPUSwitch(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        int[] map = state.map;
        int t = CurrentWorker.index();
        int out = t < map.length ? map[t] : -1;
        output(out >= 0 ? out : t % noutputs(), p);
    }

    @Override
    public void threadsPlaced(BitSet pushing, int home, int nthreads) {
        state.map = mapping(pushing, nthreads);
    }

    private int[] mapping(BitSet pushing, int nthreads) {
        int[] map = new int[nthreads];
        Arrays.fill(map, -1);
        int next = 0;
        for (int t = pushing.nextSetBit(0); t >= 0 && t < nthreads; t = pushing.nextSetBit(t + 1)) {
            map[t] = next++ % noutputs();
        }
        return map;
    }

    @Override
    public BitSet threadsLeaving(int port, BitSet pushing, int home, int nthreads) {
        int[] map = mapping(pushing, nthreads);
        BitSet b = new BitSet(nthreads);
        for (int t = 0; t < map.length; t++) {
            if (map[t] == port) {
                b.set(t);
            }
        }
        return b;
    }

    @Override
    public void addHandlers(io.jmill.engine.handler.Handlers h) {
        h.read("map", () -> {
            int[] map = state.map;
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < map.length; t++) {
                if (map[t] >= 0) {
                    sb.append(t).append(' ').append(map[t]).append('\n');
                }
            }
            return sb.toString();
        });
    }
}
