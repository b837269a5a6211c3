package io.jmill.engine.router;

import io.jmill.engine.element.Element;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.ThreadBoundary;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which worker threads can run an element's code, found by walking the graph from the threads
 * that start work (Click's {@code get_passing_threads}, the {@code passing_threads} handler).
 *
 * <p>From each push input the walk goes upstream, from each pull output downstream, and collects
 * the home thread (the worker of its task) of every element that starts work on that path: a
 * source that pushes, a sink that pulls, and an element that pulls on one side and pushes on the
 * other ({@code Unqueue}), where the walk stops. A queue (push in, pull out) also ends the walk,
 * since the threads on its far side are not the ones that reach it here. A
 * {@link ThreadBoundary} ends it too, and says which threads leave by the output reached. The
 * element itself counts as well if it starts work (a boundary: the threads leaving by its outputs). Elements without a task have home thread 0.
 */
final class ThreadPaths {
    private final List<Connection> connections;
    private final Map<Element, ScheduledTask> tasks = new HashMap<>();
    private final int nthreads;

    ThreadPaths(List<Connection> connections, List<ScheduledTask> tasks, int nthreads) {
        this.connections = connections;
        for (ScheduledTask t : tasks) {
            this.tasks.put(t.element(), t);
        }
        this.nthreads = nthreads;
    }

    /** The workers that can run {@code e}'s code: pushing into it, pulling from it, or its own. */
    BitSet passing(Element e) {
        BitSet b = pushing(e);
        for (int port = 0; port < e.noutputs(); port++) {
            if (!e.outputIsPush(port)) {
                walk(e, port, false, b, new HashSet<>());
            }
        }
        if (e instanceof ThreadBoundary tb) {
            BitSet in = pushing(e);
            for (int port = 0; port < e.noutputs(); port++) {
                b.or(tb.threadsLeaving(port, in, home(e), nthreads));
            }
        } else {
            startsWork(e, b);
        }
        return b;
    }

    /** The workers that push packets into {@code e}'s push inputs. */
    BitSet pushing(Element e) {
        BitSet b = new BitSet(nthreads);
        for (int port = 0; port < e.ninputs(); port++) {
            if (e.inputIsPush(port)) {
                walk(e, port, true, b, new HashSet<>());
            }
        }
        return b;
    }

    /** The worker of {@code e}'s task, 0 if it has none (or is not placed yet). */
    int home(Element e) {
        ScheduledTask t = tasks.get(e);
        return t == null ? 0 : Math.max(0, t.worker());
    }

    /** From input {@code port} of {@code e} upstream ({@code upstream}), or from output {@code port} downstream. */
    private void walk(Element e, int port, boolean upstream, BitSet b, Set<String> seen) {
        for (Connection c : connections) {
            Element next;
            int nextPort;
            if (upstream && c.to() == e && c.toPort() == port) {
                next = c.from();
                nextPort = c.fromPort();
            } else if (!upstream && c.from() == e && c.fromPort() == port) {
                next = c.to();
                nextPort = c.toPort();
            } else {
                continue;
            }
            if (!seen.add(next.name() + (upstream ? " out " : " in ") + nextPort)) {
                continue;
            }
            if (visit(next, upstream, nextPort, b)) {
                int n = upstream ? next.ninputs() : next.noutputs();
                for (int p = 0; p < n; p++) {
                    walk(next, p, upstream, b, seen);
                }
            }
        }
    }

    /**
     * Adds the threads that element {@code e}, reached at its output {@code port} (walking
     * upstream) or input {@code port} (downstream), sends this way; false if the walk stops there.
     */
    private boolean visit(Element e, boolean atOutput, int port, BitSet b) {
        if (e instanceof ThreadBoundary tb && atOutput) {
            b.or(tb.threadsLeaving(port, pushing(e), home(e), nthreads));
            return false;
        }
        return startsWork(e, b);
    }

    /** Click's default: adds {@code e}'s home thread if it starts work; false if it ends a walk. */
    private boolean startsWork(Element e, BitSet b) {
        boolean in = e.ninputs() > 0;
        boolean out = e.noutputs() > 0;
        if (in && out && e.inputIsPush(0) && !e.outputIsPush(0)) {
            return false; // a queue
        }
        if (in && out && !e.inputIsPush(0) && e.outputIsPush(0)) {
            b.set(home(e)); // pulls, then pushes: Unqueue
            return false;
        }
        if ((!in && out && e.outputIsPush(0)) || (in && !out && !e.inputIsPush(0)) || (!in && !out)) {
            b.set(home(e));
        }
        return true;
    }

    /** Click's bit-vector text: ascending, runs of consecutive numbers as {@code A-B}: {@code 0,2-3}. */
    static String unparse(BitSet b) {
        List<String> parts = new ArrayList<>();
        for (int i = b.nextSetBit(0); i >= 0; ) {
            int end = b.nextClearBit(i) - 1;
            parts.add(end == i ? Integer.toString(i) : i + "-" + end);
            i = b.nextSetBit(end + 1);
        }
        return String.join(",", parts);
    }
}
