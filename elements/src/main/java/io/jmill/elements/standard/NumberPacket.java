package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an increasing number into each packet.
 *
 * <pre>NumberPacket([OFFSET, keywords NET_ORDER])</pre>
 *
 * <p>Stores a 64-bit sequence number (0 for the first packet, then 1, 2, ...) in the 8 bytes at
 * OFFSET of each packet's data, as FastClick's NumberPacket does: in the machine's byte order
 * (little-endian) unless NET_ORDER is true. A packet shorter than OFFSET + 8 is lengthened to that
 * length (the new bytes start at zero), and if it has an IP header annotation, its IP total length
 * is set to cover the new end. (FastClick sets the total length to OFFSET + 8 whatever the IP
 * header's offset.) If the packet pool cannot lengthen it, the packet passes unnumbered.
 * The numbers are shared by every thread that runs the element.
 *
 * <p>CheckNumberPacket counts the numbers downstream; TimestampDiff pairs them with
 * RecordTimestamp's.
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code OFFSET}: integer, bytes from the start of the data. Default 40 (in an Ethernet,
 *     IPv4 and UDP frame: the last 2 bytes of the UDP header and the first 6 of the payload).</li>
 * <li>{@code NET_ORDER}: boolean. Store the number big-endian. Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets numbered (the next number).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; NumberPacket -&gt; link -&gt; c :: CheckNumberPacket(COUNT 1000) -&gt; Discard;</pre>
 *
 * <p>See also: CheckNumberPacket, RecordTimestamp, TimestampDiff.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class NumberPacket extends SimpleElement {
    /** Default OFFSET, FastClick's. */
    static final int DEFAULT_OFFSET = 40;

    private final int offset;
    private final boolean netOrder;
    private final AtomicLong count = new AtomicLong();

    public NumberPacket(ElementConfig c) {
        super(c);
        Args args = c.args();
        offset = args.positional("OFFSET").integer(DEFAULT_OFFSET, 0, 1 << 16);
        netOrder = args.keyword("NET_ORDER").bool(false);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int end = offset + 8;
        int len = p.length();
        if (len < end) {
            if (!p.put(end - len)) {
                return p;
            }
            for (int i = len; i < end; i++) {
                p.setU8(i, 0);
            }
            if (p.hasNetworkHeader()) {
                int ip = p.networkHeaderOffset();
                if (ip + 4 <= end) {
                    p.setU16(ip + 2, end - ip);
                }
            }
        }
        long n = count.getAndIncrement();
        write(p, offset, n, netOrder);
        return p;
    }

    boolean netOrder() {
        return netOrder;
    }

    /** Writes a packet number as NumberPacket does. */
    static void write(Packet p, int offset, long number, boolean netOrder) {
        p.setU64(offset, netOrder ? number : Long.reverseBytes(number));
    }

    /** Reads a packet number written by NumberPacket. */
    static long read(Packet p, int offset, boolean netOrder) {
        long v = p.u64(offset);
        return netOrder ? v : Long.reverseBytes(v);
    }

    @Override
    public void addHandlers(Handlers h) {
        AtomicLong n = count;
        h.readLong("count", n::get);
    }
}
