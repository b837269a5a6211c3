package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementHost;
import io.jmill.engine.element.PortRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One router's notifier signals, handed out as Click's router does: per name ({@code empty},
 * {@code full}), one bit after the other in 32-bit words named {@code NAME.N}, so the first queue of
 * a configuration has bit 1 of {@code empty.0} and the 33rd bit 1 of {@code empty.1}. Every
 * {@link Notifier} of the router gets its signals, in configuration order, when the registry is
 * first asked for (during initialization, by the first element that needs a signal).
 *
 * <p>The searches follow Click's: upstream from a pull input through elements that pull in turn
 * (schedulers, switches, agnostic elements) to the notifiers, downstream from a push output through
 * elements that push in turn to the notifiers. A path that ends at an element that is no notifier
 * (a pull source that does not say when it has packets, a sink) gives {@link NotifierSignal#BUSY}.
 */
public final class NotifierSignals {
    private static final Map<ElementHost, NotifierSignals> BY_ROUTER = new WeakHashMap<>();

    /** Per name, its words; bits are handed out in order. */
    private final Map<String, List<AtomicInteger>> words = new HashMap<>();
    private final Map<String, Integer> handedOut = new HashMap<>();

    private NotifierSignals() {
    }

    /** The registry of {@code host}'s router, made (and its notifiers' signals allocated) on first use. */
    public static NotifierSignals of(ElementHost host) {
        synchronized (BY_ROUTER) {
            NotifierSignals s = BY_ROUTER.get(host);
            if (s == null) {
                s = new NotifierSignals();
                BY_ROUTER.put(host, s);
                for (Element e : host.elements()) {
                    if (e instanceof Notifier n) {
                        n.allocateSignals(s);
                    }
                }
            }
            return s;
        }
    }

    /** A new one-bit signal named after {@code name} ({@code empty}, {@code full}), set active as in Click. */
    public NotifierSignal allocate(String name) {
        int n = handedOut.merge(name, 1, Integer::sum) - 1;
        List<AtomicInteger> list = words.computeIfAbsent(name, k -> new ArrayList<>());
        if (n / 32 == list.size()) {
            list.add(new AtomicInteger());
        }
        NotifierSignal s = new NotifierSignal(list.get(n / 32), 1 << (n % 32), name + "." + (n / 32));
        s.set(true);
        return s;
    }

    /** The signal of the notifiers upstream of pull input {@code port} of {@code e}. */
    public NotifierSignal upstreamEmpty(Element e, int port) {
        return upstream(e.inputSource(port), new HashSet<>());
    }

    private static NotifierSignal upstream(PortRef from, Set<Element> seen) {
        if (from == null) {
            return NotifierSignal.BUSY;
        }
        Element u = from.element();
        if (u instanceof Notifier n && n.emptySignal() != null) {
            return n.emptySignal();
        }
        if (u instanceof Idle) {
            return NotifierSignal.IDLE;
        }
        if (!seen.add(u)) {
            return NotifierSignal.IDLE;
        }
        NotifierSignal s = NotifierSignal.IDLE;
        boolean any = false;
        for (int i = 0; i < u.ninputs(); i++) {
            if (!u.inputIsPush(i)) {
                any = true;
                s = s.or(upstream(u.inputSource(i), seen));
            }
        }
        return any ? s : NotifierSignal.BUSY;
    }

    /**
     * The notifiers with a full signal downstream of push output {@code port} of {@code e}; empty if
     * a path reaches no such notifier (then the signal is {@link NotifierSignal#BUSY}).
     */
    public List<Notifier> downstreamFullNotifiers(Element e, int port) {
        List<Notifier> found = new ArrayList<>();
        return collect(e.outputTarget(port), new HashSet<>(), found) ? found : List.of();
    }

    /** Adds the full notifiers downstream of {@code to}; false if a path ends without one. */
    private static boolean collect(PortRef to, Set<Element> seen, List<Notifier> found) {
        if (to == null) {
            return false;
        }
        Element d = to.element();
        if (d instanceof Notifier n) {
            if (n.nonfullSignal() == null) {
                return false;
            }
            if (!found.contains(n)) {
                found.add(n);
            }
            return true;
        }
        if (!seen.add(d)) {
            return true;
        }
        boolean any = false;
        for (int i = 0; i < d.noutputs(); i++) {
            if (d.outputIsPush(i)) {
                any = true;
                if (!collect(d.outputTarget(i), seen, found)) {
                    return false;
                }
            }
        }
        return any;
    }

    /** The signal of the notifiers downstream of push output {@code port} of {@code e}. */
    public NotifierSignal downstreamFull(Element e, int port) {
        return downstream(e.outputTarget(port), new HashSet<>());
    }

    private static NotifierSignal downstream(PortRef to, Set<Element> seen) {
        if (to == null) {
            return NotifierSignal.BUSY;
        }
        Element d = to.element();
        if (d instanceof Notifier n && n.nonfullSignal() != null) {
            return n.nonfullSignal();
        }
        if (d instanceof Notifier) {
            return NotifierSignal.BUSY; // a queue without a full notifier: pushes are never refused, only dropped
        }
        if (!seen.add(d)) {
            return NotifierSignal.IDLE;
        }
        NotifierSignal s = NotifierSignal.IDLE;
        boolean any = false;
        for (int i = 0; i < d.noutputs(); i++) {
            if (d.outputIsPush(i)) {
                any = true;
                s = s.or(downstream(d.outputTarget(i), seen));
            }
        }
        return any ? s : NotifierSignal.BUSY;
    }
}
