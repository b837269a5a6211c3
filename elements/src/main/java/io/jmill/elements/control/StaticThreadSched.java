package io.jmill.elements.control;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.ThreadSched;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statically binds task elements to worker threads.
 *
 * <pre>StaticThreadSched(ELEMENT THREAD, ...)</pre>
 *
 * <p>Each argument names an element and the worker thread that runs its task: threads are numbered
 * from 0 (as {@code --threads N} creates them), and a negative number counts from the last
 * ({@code -1} is the last thread). A number that is not a thread of the running router (at least N,
 * or N or more below zero) is a warning, and the element goes to thread 0 (-1 for a negative
 * number). ELEMENT is found as Click finds element arguments: in this element's compound first,
 * then in the enclosing ones; a compound element's name binds every element inside it.
 * Elements that are not tasks are accepted and ignored. With several StaticThreadSched elements,
 * the later one wins for an element both name. Task elements that no StaticThreadSched names run
 * on thread 0, as in Click. (A configuration with no StaticThreadSched, or one that places no
 * task, has its tasks spread over the threads by the router instead: sources and tasks that pull
 * first, each on the thread with the fewest so far.)
 *
 * <p>Click's {@code SOCKET/CORE} form of THREAD (NUMA placement) is not supported.
 *
 * <p>Ports: none.
 *
 * <p>Example, two pipelines on two threads ({@code jmill run --threads 2}):
 * <pre>
 * elementclass Path { $q | FromNIC(nic0, QUEUE $q) -> CheckIPHeader(14) -> ToNIC(nic0, QUEUE $q) }
 * p0 :: Path(0);  p1 :: Path(1);
 * StaticThreadSched(p0 0, p1 1);
 * </pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class StaticThreadSched extends Element implements ThreadSched {
    /** One argument: the name it gives and the thread. */
    private record Binding(String element, int thread) {
    }

    private final List<Binding> bindings;
    /** Resolved in initialize(): each bound element and its thread as written. */
    private final Map<Element, Integer> preferences = new LinkedHashMap<>();
    private final Set<Integer> warned = new HashSet<>();

    public StaticThreadSched(ElementConfig c) {
        super(c);
        Args args = c.args();
        List<Binding> list = new ArrayList<>();
        for (String part : Args.split(c.configText())) {
            String[] words = part.strip().split("\\s+");
            if (words[0].matches("[A-Z][A-Z0-9_]*")) {
                args.keyword(words[0]); // an element named like a keyword: Click reads it as ELEMENT
            }
            if (words.length != 2) {
                args.error("expected 'ELEMENT THREAD', got '" + part.strip() + "'");
                continue;
            }
            if (words[1].contains("/")) {
                args.error(words[0] + ": THREAD '" + words[1] + "': the SOCKET/CORE form is not supported; give a thread number");
                continue;
            }
            try {
                list.add(new Binding(words[0], Integer.parseInt(words[1])));
            } catch (NumberFormatException e) {
                args.error(words[0] + ": THREAD: expected an integer, got '" + words[1] + "'");
            }
        }
        args.remainingPositional();
        bindings = List.copyOf(list);
    }

    @Override
    public void initialize() {
        for (Binding b : bindings) {
            Element e = findElement(b.element());
            if (e != null) {
                preferences.put(e, b.thread());
                continue;
            }
            String compound = findCompound(b.element());
            if (compound == null) {
                throw new IllegalArgumentException("'" + b.element() + "' does not name an element");
            }
            for (Element inside : host().elements()) {
                if (inside.name().startsWith(compound)) {
                    preferences.put(inside, b.thread());
                }
            }
        }
    }

    @Override
    public int threadFor(Element task, int nthreads) {
        Integer p = preferences.get(task);
        if (p == null) {
            return -1;
        }
        int thread = p;
        if (thread <= -nthreads || thread >= nthreads) {
            if (warned.add(thread)) {
                System.err.println("jmill: " + name() + ": thread preference " + thread + " out of range (the router runs "
                        + nthreads + (nthreads == 1 ? " thread)" : " threads)"));
            }
            thread = thread < 0 ? -1 : 0;
        }
        return thread < 0 ? nthreads + thread : thread;
    }
}
