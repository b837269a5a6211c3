package io.jmill.elements.routing;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * What Click's IPRouteTable gives every route lookup element: reading the routes from the
 * configuration, the route handlers, and the drop count. Subclasses choose the lookup structure
 * and implement {@code push} with it directly, so that each element's per-packet call is to one
 * known class.
 *
 * <p>Configuration: each argument is a route {@code ADDR/MASK [GATEWAY] OUTPUT}; OUTPUT must be
 * one of the element's outputs. A prefix given twice keeps its first route, as in Click.
 *
 * <p>Handlers (all lookup elements): {@code table} (read), {@code lookup} (read with an address
 * as parameter, or write an address and read without: {@code OUTPUT} or {@code OUTPUT GATEWAY}
 * for it, or {@code -1} with no route), {@code drops} (read). Dynamic tables add {@code add}, {@code set}, {@code remove} and
 * {@code ctrl} (write).
 */
public abstract class IPRouteTable extends ClassifyingElement implements DropCounter {
    private final RouteTable table;
    private final State state = new State();

    /** Run-time state besides the routes: the drop count and the last address written to {@code lookup}. */
    private static final class State {
        long drops;
        volatile int lookupAddress;
        volatile boolean lookupAsked;
    }

    IPRouteTable(ElementConfig c, RouteTable table) {
        super(c);
        this.table = table;
        for (Arg a : c.args().remainingPositional()) {
            IPRoute r = a.present() ? IPRoute.parse(a.raw(), false) : null;
            if (r == null || r.port() < 0) {
                c.args().error(a.name() + " should be 'ADDR/MASK [GATEWAY] OUTPUT'");
            } else if (r.port() >= c.noutputs()) {
                c.args().error(a.name() + ": output " + r.port() + " out of range (the element has "
                        + c.noutputs() + (c.noutputs() == 1 ? " output)" : " outputs)"));
            } else if (table.find(r.addr(), r.mask()) == null) {
                try {
                    table.put(r);
                } catch (IllegalStateException e) {
                    c.args().error(a.name() + ": " + e.getMessage());
                }
            }
        }
        table.commit();
    }

    /**
     * Sends {@code p} along route {@code r}: sets the destination-IP annotation to the gateway, if
     * the route has one, and returns the route's output; no route ({@code null}): drops it and
     * returns -1.
     */
    final int forward(Packet p, IPRoute r) {
        if (r == null) {
            return noRoute(p);
        }
        if (r.gw() != 0) {
            p.setDstIpAnno(r.gw());
        }
        return r.port();
    }

    /** Kills a packet that no route matched; returns -1. */
    final int noRoute(Packet p) {
        state.drops++;
        p.kill();
        return -1;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    /** Whether the element offers {@code add}, {@code set}, {@code remove} and {@code ctrl}. */
    boolean dynamic() {
        return true;
    }

    /** The {@code table} handler's text. */
    abstract String dump(List<IPRoute> routes);

    final RouteTable routeTable() {
        return table;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.read("table", () -> dump(table.routes()));
        h.readParams("lookup", this::readLookup);
        h.write("lookup", this::writeLookup);
        h.readLong("drops", () -> state.drops);
        if (dynamic()) {
            h.write("add", v -> command(Command.ADD, v, null));
            h.write("set", v -> command(Command.SET, v, null));
            h.write("remove", v -> command(Command.REMOVE, v, null));
            h.write("ctrl", this::ctrl);
        }
    }

    // ------------------------------------------------------------------ lookup handler

    private void writeLookup(String value) throws HandlerException {
        state.lookupAddress = lookupAddress(value);
        state.lookupAsked = true;
    }

    private static int lookupAddress(String value) throws HandlerException {
        String text = value == null ? "" : value.strip();
        long a = IPRoute.parseAddress(text);
        if (a < 0) {
            throw new HandlerException("expected IP address, not '" + text + "'");
        }
        return (int) a;
    }

    /** Read with an address ({@code lookup ADDR}, as in Click), or without: the address last written. */
    private String readLookup(String params) throws HandlerException {
        if (!params.isBlank()) {
            return lookupResult(lookupAddress(params));
        }
        return state.lookupAsked ? lookupResult(state.lookupAddress) : "";
    }

    private String lookupResult(int address) {
        IPRoute r = table.lookup(address);
        if (r == null) {
            return "-1";
        }
        return r.gw() == 0 ? Integer.toString(r.port()) : r.port() + " " + IPRoute.addressString(r.gw());
    }

    // ------------------------------------------------------------------ route commands

    private enum Command { ADD, SET, REMOVE }

    /** One applied change, kept so that a failing {@code ctrl} can be rolled back. */
    private record Undo(IPRoute added, IPRoute removed) {
    }

    private void command(Command cmd, String text, List<Undo> log) throws HandlerException {
        boolean removal = cmd == Command.REMOVE;
        IPRoute r = IPRoute.parse(text == null ? "" : text, removal);
        if (r == null || r.port() < (removal ? -1 : 0) || r.port() >= noutputs()) {
            throw new HandlerException(removal ? "expected 'ADDR/MASK [GATEWAY OUTPUT]'"
                    : "expected 'ADDR/MASK [GATEWAY] OUTPUT'");
        }
        synchronized (table) {
            IPRoute old = table.find(r.addr(), r.mask());
            if (removal) {
                if (old == null || !r.designates(old)) {
                    throw new HandlerException("route '" + (r.port() < 0 ? r.prefixString() : r.toString())
                            + "' not found");
                }
                table.remove(old);
                table.commit();
                if (log != null) {
                    log.add(new Undo(null, old));
                }
                return;
            }
            if (old != null && cmd == Command.ADD) {
                throw new HandlerException("conflict with existing route '" + old + "'");
            }
            try {
                table.put(r);
            } catch (IllegalStateException e) {
                throw new HandlerException(e.getMessage());
            }
            table.commit();
            if (log != null) {
                log.add(new Undo(r, old));
            }
        }
    }

    /**
     * Click's {@code ctrl}: one command per line ({@code add}, {@code set} or {@code remove} and
     * a route), applied as one change: if one fails, those before it are undone.
     */
    private void ctrl(String text) throws HandlerException {
        List<Undo> log = new ArrayList<>();
        synchronized (table) {
            try {
                for (String line : (text == null ? "" : text).split("\n")) {
                    String s = line.strip();
                    if (s.isEmpty()) {
                        continue;
                    }
                    int space = s.indexOf(' ');
                    String word = space < 0 ? s : s.substring(0, space);
                    String rest = space < 0 ? "" : s.substring(space + 1);
                    Command cmd = switch (word) {
                        case "add" -> Command.ADD;
                        case "set" -> Command.SET;
                        case "remove" -> Command.REMOVE;
                        default -> throw new HandlerException("bad command '" + word + "'");
                    };
                    command(cmd, rest, log);
                }
            } catch (HandlerException e) {
                for (int i = log.size() - 1; i >= 0; i--) {
                    Undo u = log.get(i);
                    if (u.added() != null) {
                        table.remove(u.added());
                    }
                    if (u.removed() != null) {
                        table.put(u.removed());
                    }
                }
                table.commit();
                throw e;
            }
        }
    }

    /** Lines of Click's one-line route form, {@code 18.26.4.0/24 - 1}. */
    static String spaced(List<IPRoute> routes) {
        StringBuilder sb = new StringBuilder();
        for (IPRoute r : routes) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    /** Lines of Click's tab-aligned route form. */
    static String tabbed(List<IPRoute> routes, boolean dashForNoGateway) {
        StringBuilder sb = new StringBuilder();
        for (IPRoute r : routes) {
            sb.append(r.tabbed(dashForNoGateway)).append('\n');
        }
        return sb.toString();
    }
}
