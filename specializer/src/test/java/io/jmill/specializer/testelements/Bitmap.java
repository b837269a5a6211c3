package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.BitSet;

/**
 * Test sink (any number of inputs): marks the number in each packet's first four bytes in a bitmap and frees the packet;
 * counts packets and numbers seen twice ({@code count}, {@code duplicates}).
 */
@ElementInfo(ports = "1-/0", processing = "h/h")
public final class Bitmap extends Element {
    private final State state = new State();

    private static final class State {
        final BitSet seen = new BitSet();
        long count;
        long duplicates;
    }

    public Bitmap(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int n = p.u32(0);
        if (s.seen.get(n)) {
            s.duplicates++;
        } else {
            s.seen.set(n);
        }
        s.count++;
        p.kill();
    }

    /** Numbers never seen among 0..n-1 (read once the router has stopped). */
    public int missing(int n) {
        return n - state.seen.get(0, n).cardinality();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("duplicates", () -> s.duplicates);
    }
}
