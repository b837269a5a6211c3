package io.jmill.elements.control;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.ThreadSched;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves tasks between worker threads to even out their load.
 *
 * <pre>BalancedThreadSched([INTERVAL, INCREASING])</pre>
 *
 * <p>Every INTERVAL milliseconds (default 1000; the first time 10 ms after the router starts),
 * measures each task's load and moves tasks from the busiest thread to the least busy one,
 * up to one round per thread: nothing moves while every thread is within an eighth of the average
 * load; a task moves only if the receiving thread stays under the average plus a quarter, and
 * the move narrows the gap (the receiver ends up no busier than the giver). The busiest thread's
 * tasks are tried cheapest first if INCREASING is true (the default), costliest first otherwise.
 * A task is moved between two of its runs: the thread that ran it hands it over.
 *
 * <p>Where Click measures a task's load in CPU cycles per run, JMill's workers do not time their
 * tasks; the load of a task is the number of packets it moved during the last interval, and a
 * thread's load is the sum over its tasks. A task that moves few, costly packets therefore counts
 * as light. Tasks that StaticThreadSched placed are balanced like the others, as in Click. With
 * one worker thread it does nothing.
 *
 * <p>Ports: none.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code moves} (read): tasks moved so far.</li>
 * <li>{@code loads} (read): each worker's load over the last interval, one a line
 *     ({@code THREAD PACKETS}).</li>
 * </ul>
 *
 * <p>Example, three pipelines on two threads ({@code jmill run --threads 2}):
 * <pre>
 * FromNIC(nic0, QUEUE 0) -&gt; ToNIC(nic1, QUEUE 0);
 * FromNIC(nic0, QUEUE 1) -&gt; ToNIC(nic1, QUEUE 1);
 * FromNIC(nic0, QUEUE 2) -&gt; ToNIC(nic1, QUEUE 2);
 * BalancedThreadSched(100);
 * </pre>
 *
 * <p>See also: StaticThreadSched.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class BalancedThreadSched extends Element implements ThreadSched {
    /** Delay before the first balancing, as in Click. */
    private static final long FIRST_MILLIS = 10;

    private final long intervalMillis;
    private final boolean increasing;
    private final State state = new State();

    private static final class State {
        final AtomicLong moves = new AtomicLong();
        /** The {@code loads} handler's text, written by the balancing thread. */
        volatile String loads = "";
        Thread balancer;
    }

    public BalancedThreadSched(ElementConfig c) {
        super(c);
        var args = c.args();
        intervalMillis = args.positional("INTERVAL").integer(1000, 1, Integer.MAX_VALUE);
        increasing = args.positional("INCREASING").bool(true);
    }

    @Override
    public int threadFor(Element task, int nthreads) {
        return -1;
    }

    @Override
    public void placed(List<ScheduledTask> tasks, int nthreads) {
        if (nthreads < 2 || tasks.size() < 2) {
            return;
        }
        List<ScheduledTask> list = List.copyOf(tasks);
        Thread t = new Thread(() -> balanceEvery(list, nthreads), "jmill-" + name());
        t.setDaemon(true);
        state.balancer = t;
        t.start();
    }

    private void balanceEvery(List<ScheduledTask> tasks, int nthreads) {
        long[] last = new long[tasks.size()];
        long[] load = new long[tasks.size()];
        int[] worker = new int[tasks.size()];
        try {
            Thread.sleep(FIRST_MILLIS);
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < load.length; i++) {
                    ScheduledTask t = tasks.get(i);
                    long p = t.packets();
                    load[i] = p - last[i];
                    last[i] = p;
                    // a task still being handed over stays where it is this round
                    worker[i] = t.moveDone() ? t.worker() : -1;
                }
                int[] target = plan(load, worker, nthreads, increasing);
                for (int i = 0; i < target.length; i++) {
                    if (target[i] != worker[i] && tasks.get(i).requestMove(target[i])) {
                        state.moves.incrementAndGet();
                    }
                }
                state.loads = describe(load, worker, nthreads);
                Thread.sleep(intervalMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(long[] load, int[] worker, int nthreads) {
        long[] sum = new long[nthreads];
        for (int i = 0; i < load.length; i++) {
            if (worker[i] >= 0) {
                sum[worker[i]] += load[i];
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < nthreads; w++) {
            sb.append(w).append(' ').append(sum[w]).append('\n');
        }
        return sb.toString();
    }

    /**
     * Where each task should run: {@code load[i]} is task i's load and {@code worker[i]} its thread
     * (-1: leave it alone). Returns the new thread of each task.
     */
    static int[] plan(long[] load, int[] worker, int nthreads, boolean increasing) {
        int[] target = worker.clone();
        long[] threadLoad = new long[nthreads];
        long total = 0;
        for (int i = 0; i < load.length; i++) {
            if (worker[i] >= 0) {
                threadLoad[worker[i]] += load[i];
                total += load[i];
            }
        }
        long avg = total / nthreads;
        long slack = avg >> 3;
        long highWater = avg + (avg >> 2);
        for (int round = 0; round < nthreads; round++) {
            int min = 0;
            int max = 0;
            for (int w = 1; w < nthreads; w++) {
                if (threadLoad[w] < threadLoad[min]) {
                    min = w;
                } else if (threadLoad[w] > threadLoad[max]) {
                    max = w;
                }
            }
            if (avg - threadLoad[min] < slack && threadLoad[max] - avg < slack) {
                break;
            }
            List<Integer> onMax = new ArrayList<>();
            for (int i = 0; i < load.length; i++) {
                if (target[i] == max) {
                    onMax.add(i);
                }
            }
            Comparator<Integer> byLoad = Comparator.comparingLong(i -> load[i]);
            onMax.sort(increasing ? byLoad : byLoad.reversed());
            for (int i : onMax) {
                long c = load[i];
                if (threadLoad[min] + c < highWater && threadLoad[min] + 2 * c <= threadLoad[max]) {
                    target[i] = min;
                    threadLoad[min] += c;
                    threadLoad[max] -= c;
                }
            }
        }
        return target;
    }

    @Override
    public void cleanup() {
        Thread t = state.balancer;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            state.balancer = null;
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("moves", s.moves::get);
        h.read("loads", () -> s.loads);
    }
}
