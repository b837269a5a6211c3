package io.jmill.elements.nat;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counts flows, and packets and bytes per flow.
 *
 * <pre>FlowCounter</pre>
 *
 * <p>A flow element: it needs a {@code FlowIPManager} upstream, whose flow id and
 * {@code flow_serial} annotations tell it which flow each packet belongs to. It keeps a packet and
 * a byte count per flow id, starting from zero whenever an id is given to a new flow (the serial
 * changed), and counts the flows it has seen. Packets pass unchanged; packets with no flow
 * (serial 0) pass uncounted per flow and are counted in {@code unclassified}.
 *
 * <p>Its arrays grow with the highest flow id seen (allocating only then), up to 16777216 ids,
 * FlowIPManager's largest capacity; packets with larger ids count as unclassified.
 *
 * <p>Ports: one input, one output; push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): flows seen since the last reset (FastClick's).</li>
 * <li>{@code packets}, {@code bytes} (read): packets and bytes of classified packets.</li>
 * <li>{@code avg} (read): mean packets per flow seen, three decimals.</li>
 * <li>{@code unclassified} (read): packets without a flow.</li>
 * <li>{@code table} (read): one line {@code ID PACKETS BYTES} per flow id whose current flow
 *     has packets, in id order.</li>
 * <li>{@code reset} (write): forget every count.</li>
 * </ul>
 * FastClick's {@code open} (flows still alive) is not offered: flow elements here are not told
 * when the manager retires a flow.
 *
 * <p>Example:
 * <pre>... -&gt; FlowIPManager -&gt; fc :: FlowCounter -&gt; ...   // then read fc.count, fc.table</pre>
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class FlowCounter extends Element {
    private static final int INITIAL_IDS = 1024;

    private final State state = new State();

    private static final class State {
        int[] serial = new int[INITIAL_IDS];
        long[] packets = new long[INITIAL_IDS];
        long[] bytes = new long[INITIAL_IDS];
        long flows;
        long totalPackets;
        long totalBytes;
        long unclassified;

        void grow(int id) {
            int n = Math.min(Integer.highestOneBit(id) << 1, FlowIPManager.MAX_CAPACITY);
            serial = Arrays.copyOf(serial, n);
            packets = Arrays.copyOf(packets, n);
            bytes = Arrays.copyOf(bytes, n);
        }

        void reset() {
            Arrays.fill(serial, 0);
            Arrays.fill(packets, 0);
            Arrays.fill(bytes, 0);
            flows = 0;
            totalPackets = 0;
            totalBytes = 0;
            unclassified = 0;
        }
    }

    public FlowCounter(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int id = p.flowId();
        int serial = (int) p.anno(FlowIPManager.FLOW_SERIAL);
        if (serial == 0 || id < 0 || id >= FlowIPManager.MAX_CAPACITY) {
            s.unclassified++;
        } else {
            if (id >= s.serial.length) {
                s.grow(id);
            }
            int len = p.length();
            if (s.serial[id] != serial) {
                s.serial[id] = serial;
                s.packets[id] = 0;
                s.bytes[id] = 0;
                s.flows++;
            }
            s.packets[id]++;
            s.bytes[id] += len;
            s.totalPackets++;
            s.totalBytes += len;
        }
        output(0, p);
    }

    /** Packets of the flow now holding {@code id} (tests). */
    long packets(int id) {
        return id < state.packets.length ? state.packets[id] : 0;
    }

    /** Bytes of the flow now holding {@code id} (tests). */
    long bytes(int id) {
        return id < state.bytes.length ? state.bytes[id] : 0;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.flows);
        h.readLong("packets", () -> s.totalPackets);
        h.readLong("bytes", () -> s.totalBytes);
        h.readLong("unclassified", () -> s.unclassified);
        h.read("avg", () -> String.format(Locale.ROOT, "%.3f",
                s.flows == 0 ? 0.0 : (double) s.totalPackets / s.flows));
        h.read("table", () -> {
            StringBuilder sb = new StringBuilder();
            long[] packets = s.packets;
            long[] bytes = s.bytes;
            for (int id = 0; id < Math.min(packets.length, bytes.length); id++) {
                if (packets[id] != 0) {
                    sb.append(id).append(' ').append(packets[id]).append(' ').append(bytes[id]).append('\n');
                }
            }
            return sb.toString();
        });
        h.write("reset", v -> s.reset());
    }
}
