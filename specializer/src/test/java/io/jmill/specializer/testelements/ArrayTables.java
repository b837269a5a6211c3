package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Test element with four kinds of array fields: {@code paints} is configuration (set in the
 * constructor, only read afterwards, also by a helper); {@code hits} counts packets (the data
 * path stores into it); {@code flags} is changed by a write handler; {@code shares} is handed out
 * by a getter. Paints each packet with {@code paints[k] + flags[k] + shares[0]}, k = first byte & 3.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ArrayTables extends SimpleElement {
    private final int[] paints;
    private final long[] hits = new long[4];
    private final byte[] flags = new byte[4];
    private final short[] shares = {0, 0};

    public ArrayTables(ElementConfig c) {
        super(c);
        int base = c.args().mandatoryPositional("BASE").integer(0, 0, 100);
        paints = new int[]{base, base + 1, base + 2, base + 3};
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int k = p.u8(0) & 3;
        hits[k]++;
        p.setPaint(sum(paints, k) + flags[k] + shares[0]);
        return p;
    }

    private static int sum(int[] table, int k) {
        return table[k] + table[0] - table[0];
    }

    /** The shares (a caller could change them). */
    public short[] shares() {
        return shares;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.write("flag", v -> flags[0] = Byte.parseByte(v.trim()));
        h.readLong("hits0", () -> hits[0]);
    }
}
