package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Test element with six kinds of array fields: {@code paints} is configuration (set in the
 * constructor, only read afterwards, also by a helper); {@code hits} and {@code seen} count
 * packets (the data path stores into them; {@code seen} is an {@code int[]} like {@code paints});
 * {@code flags} is changed by a write handler; {@code shares} is handed out by a getter;
 * {@code offsets} is never stored into through this field, but a helper object holds the same
 * array and the data path counts in it. Paints each packet with
 * {@code paints[k] + flags[k] + shares[0] + offsets[k]}, k = first byte & 3.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ArrayTables extends SimpleElement {
    private final int[] paints;
    private final long[] hits = new long[4];
    private final int[] seen = new int[4];
    private final byte[] flags = new byte[4];
    private final short[] shares = {0, 0};
    private final int[] offsets = {0, 0, 0, 0};
    private final Box box = new Box(offsets);

    /** Holds the same array as {@code offsets}. */
    private static final class Box {
        final int[] values;

        Box(int[] values) {
            this.values = values;
        }
    }

    public ArrayTables(ElementConfig c) {
        super(c);
        int base = c.args().mandatoryPositional("BASE").integer(0, 0, 100);
        paints = new int[]{base, base + 1, base + 2, base + 3};
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int k = p.u8(0) & 3;
        hits[k]++;
        seen[k]++;
        p.setPaint(sum(paints, k) + flags[k] + shares[0] + offsets[k]);
        box.values[k] = 0;
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
        h.readLong("seen0", () -> seen[0]);
    }
}
