package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Test superclass in the template-method style of ClassifierElement and IPRouteTable: private
 * final fields (one of every primitive type, one named like a field of its subclass, a state
 * array), a final {@code push} that calls an abstract method implemented by the subclass, a
 * virtual method the subclass overrides and calls with {@code super}, and a private static
 * helper. Its subclass specializes by flattening it.
 */
public abstract class TemplateBase extends Element {
    private final int offset;
    /** Same name as TemplateSwitch's own field: the copy holds both. */
    private final int port;
    /** Packets sent per output, then dropped; shared with specialized copies. */
    private final long[] counts;
    private final boolean mark;
    private final byte b;
    private final short s;
    private final char ch;
    private final long l;
    private final float f;
    private final double d;

    protected TemplateBase(ElementConfig c, int offset, int port) {
        super(c);
        this.offset = offset;
        this.port = port;
        this.counts = new long[c.noutputs() + 1];
        this.mark = true;
        this.b = (byte) -3;
        this.s = (short) 300;
        this.ch = 'A';
        this.l = 1L << 40 | 5;
        this.f = 2.5f;
        this.d = -1.25;
    }

    @Override
    public final void push(int inputPort, Packet p) {
        int out = choose(p.u8(offset));
        if (out < 0 || out >= counts.length - 1) {
            counts[counts.length - 1]++;
            p.kill();
            return;
        }
        counts[out]++;
        stamp(p);
        output(out, p);
    }

    /** The output for a packet whose byte at the offset is {@code value}, or -1 to drop it. */
    protected abstract int choose(int value);

    /** Writes the base's configuration into the packet; the subclass adds its own. */
    void stamp(Packet p) {
        p.setU8(4, port);
        if (mark) {
            p.setU8(5, b + s + ch + (int) (l >>> 32) + (int) (f * 2) + (int) (d * 4));
        }
        p.setU16(6, mix(offset));
    }

    private static int mix(int x) {
        return x * 31 + 7;
    }

    @Override
    public void addHandlers(Handlers h) {
        long[] c = counts;
        h.read("counts", () -> java.util.Arrays.toString(c));
    }
}
