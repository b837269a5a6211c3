package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the numbers NumberPacket wrote into packets.
 *
 * <pre>CheckNumberPacket([OFFSET, COUNT, keywords NET_ORDER])</pre>
 *
 * <p>Reads the 64-bit number NumberPacket stored at OFFSET of each packet and counts, per number
 * below COUNT, how many packets carried it; such packets go out of output 0. A packet too short to
 * hold a number, or whose number is COUNT or more (reported on standard error), goes out of output
 * 1, or is dropped if there is no output 1. The {@code dump} handler then shows lost packets
 * (count 0), duplicates (more than 1) and, by comparing with the order seen, nothing else: order is
 * not checked.
 *
 * <p>Ports: one push input; one or two push outputs.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code OFFSET}: integer. Where the number is; must match NumberPacket's. Default 40.</li>
 * <li>{@code COUNT}: integer. How many numbers to count (0 to COUNT - 1). Default 0.</li>
 * <li>{@code NET_ORDER}: boolean. The number is big-endian. Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read/write): COUNT; writing it starts counting anew.</li>
 * <li>{@code dump} (read): one line {@code N: PACKETS} per number, from 0 to COUNT - 1.</li>
 * <li>{@code max}, {@code min} (read): the number seen most (least) often, as
 *     {@code [N] : PACKETS} (the first such number; {@code [-1]} when COUNT is 0).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; NumberPacket -&gt; Queue -&gt; Unqueue -&gt; c :: CheckNumberPacket(COUNT 100) -&gt; Discard;</pre>
 *
 * <p>See also: NumberPacket.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class CheckNumberPacket extends ClassifyingElement {
    private final int offset;
    private final boolean netOrder;
    /** Packets per number; replaced whole by a write to {@code count}. */
    private final Counts counts;

    private static final class Counts {
        volatile AtomicLongArray seen;
    }

    public CheckNumberPacket(ElementConfig c) {
        super(c);
        Args args = c.args();
        offset = args.positional("OFFSET").integer(NumberPacket.DEFAULT_OFFSET, 0, 1 << 16);
        int count = args.positional("COUNT").integer(0, 0, 1 << 26);
        netOrder = args.keyword("NET_ORDER").bool(false);
        counts = new Counts();
        counts.seen = new AtomicLongArray(count);
    }

    @Override
    protected int classify(int port, Packet p) {
        if (p.length() < offset + 8) {
            return checkedPort(1, p);
        }
        long n = NumberPacket.read(p, offset, netOrder);
        AtomicLongArray seen = counts.seen;
        if (n < 0 || n >= seen.length()) {
            System.err.println(name() + ": " + Long.toUnsignedString(n) + " out of scope (count is " + seen.length() + ")");
            return checkedPort(1, p);
        }
        seen.incrementAndGet((int) n);
        return 0;
    }

    @Override
    public void addHandlers(Handlers h) {
        Counts s = counts;
        h.readWrite("count", () -> Integer.toString(s.seen.length()),
                v -> s.seen = new AtomicLongArray(HandlerValues.integer("count", v, 0, 1 << 26)));
        h.read("dump", () -> {
            AtomicLongArray seen = s.seen;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < seen.length(); i++) {
                sb.append(i).append(": ").append(seen.get(i)).append('\n');
            }
            return sb.toString();
        });
        h.read("max", () -> extreme(s.seen, true));
        h.read("min", () -> extreme(s.seen, false));
    }

    private static String extreme(AtomicLongArray seen, boolean max) {
        int at = -1;
        long best = max ? -1 : Long.MAX_VALUE;
        for (int i = 0; i < seen.length(); i++) {
            long v = seen.get(i);
            if (max ? v > best : v < best) {
                best = v;
                at = i;
            }
        }
        return "[" + at + "] : " + (at < 0 ? (max ? -1 : Integer.MAX_VALUE) : best);
    }
}
