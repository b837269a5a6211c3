package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.PortRef;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pull-to-push converter that pulls only while the queues downstream have room.
 *
 * <pre>Unqueue2([BURST, keywords QUEUES, QUIET])</pre>
 *
 * <p>A task that pulls up to BURST packets each time it runs and pushes them out of its single
 * output, as {@code Unqueue} does, but never more than the downstream queues can take: each run
 * pulls at most as many packets as the fullest of them has free slots (its capacity minus its
 * length), and nothing while one of them is full. So packets wait upstream instead of being
 * dropped at a full queue. The default BURST is 1; 0 means no limit other than the queues'.
 *
 * <p>The queues are the storage elements ({@code Queue}, {@code SimpleQueue},
 * {@code ThreadSafeQueue}) reached from the output through push connections, not looking past the
 * first queue on each path, found when the router initializes; QUEUES names them instead. As in
 * Click, the element is deprecated in favour of {@code Unqueue}, and says so on standard error
 * when configured unless QUIET is true.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code BURST}: integer, at least 0. Same as the BURST argument.</li>
 * <li>{@code QUEUES}: space-separated names of storage elements whose room limits each run. An
 *     empty value checks none. Default: the queues downstream.</li>
 * <li>{@code QUIET}: boolean. If true, do not print the deprecation warning. Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code packets} (read): packets moved, as {@code N packets}.</li>
 * <li>{@code queues} (read): the names of the queues it checks, one a line.</li>
 * </ul>
 *
 * <p>Example, a source that never overruns the queue after the shaper:
 * <pre>src -&gt; q0 :: Queue -&gt; Unqueue2(0, QUIET true) -&gt; Counter -&gt; q1 :: Queue(64) -&gt; Shaper(1000) -&gt; Discard;</pre>
 *
 * <p>See also: Unqueue, RatedUnqueue, Queue.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class Unqueue2 extends Element implements Task {
    private final int burst;
    /** Names given by QUEUES; null when the queues downstream are found at initialization. */
    private final List<String> queueNames;
    private final State state = new State();

    private static final class State {
        /** The queues whose room limits each run, found in initialize(). */
        Storage[] queues = new Storage[0];
        /** Written by the thread that runs the task. */
        long count;
    }

    public Unqueue2(ElementConfig c) {
        super(c);
        Args args = c.args();
        int b = args.positional("BURST").integer(1, 0, Integer.MAX_VALUE);
        burst = b == 0 ? Integer.MAX_VALUE : b;
        String names = args.keyword("QUEUES").string(null);
        queueNames = names == null ? null : List.of(names.strip().isEmpty() ? new String[0] : names.strip().split("\\s+"));
        if (!args.keyword("QUIET").bool(false)) {
            System.err.println("jmill: " + c.name() + ": Unqueue2 is deprecated; Unqueue is preferred");
        }
    }

    @Override
    public void initialize() {
        List<Storage> found = new ArrayList<>();
        if (queueNames != null) {
            for (String n : queueNames) {
                Element e = findElement(n);
                if (e == null) {
                    throw new IllegalArgumentException("QUEUES: '" + n + "' does not name an element");
                }
                if (!(e instanceof Storage s)) {
                    throw new IllegalArgumentException("QUEUES: " + e.name() + " (" + e.className() + ") is not a queue");
                }
                found.add(s);
            }
        } else {
            found.addAll(downstreamQueues(this));
        }
        state.queues = found.toArray(new Storage[0]);
    }

    /** The storage elements reached from {@code from}'s push outputs, not looking past them. */
    static List<Storage> downstreamQueues(Element from) {
        List<Storage> found = new ArrayList<>();
        Set<Element> seen = new HashSet<>();
        ArrayDeque<Element> todo = new ArrayDeque<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            Element e = todo.poll();
            for (int i = 0; i < e.noutputs(); i++) {
                PortRef t = e.outputIsPush(i) ? e.outputTarget(i) : null;
                if (t == null || !seen.add(t.element())) {
                    continue;
                }
                if (t.element() instanceof Storage s) {
                    found.add(s);
                } else {
                    todo.add(t.element());
                }
            }
        }
        return found;
    }

    @Override
    public int runTask() {
        State s = state;
        int n = burst;
        for (Storage q : s.queues) {
            int room = q.capacity() - q.length();
            if (room < n) {
                n = room;
            }
        }
        int moved = 0;
        Packet p;
        while (moved < n && (p = input(0)) != null) {
            moved++;
            output(0, p);
        }
        s.count += moved;
        return moved;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("packets", () -> s.count + " packets");
        h.read("queues", () -> {
            StringBuilder sb = new StringBuilder();
            for (Storage q : s.queues) {
                sb.append(((Element) q).name()).append('\n');
            }
            return sb.toString();
        });
    }
}
