package io.jmill.elements.nat;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Classifies IPv4 packets into flows and gives each flow an id, for the flow elements downstream.
 *
 * <pre>FlowIPManager([CAPACITY, keywords RESERVE, TIMEOUT])</pre>
 *
 * <p>Looks up each packet's 5-tuple (source and destination address, protocol, and for TCP and UDP
 * the source and destination ports) in a fixed-capacity hash table. A new 5-tuple gets the next
 * free id, from 0 to CAPACITY-1; the packet's flow id annotation ({@link Packet#setFlowId}) is set
 * to its flow's id, and the named annotation {@code flow_serial} ({@link #FLOW_SERIAL}) to a
 * number that is different for every flow the manager ever created (never 0).
 *
 * <p>Flow elements downstream ({@code FlowCounter}, {@code FlowIPNAT}, ...) keep per-flow state in
 * their own arrays indexed by the flow id; when the serial stored for an id differs from the
 * packet's, the id has been given to a new flow and they start its state afresh. This replaces
 * FastClick's flow control blocks: there is no RESERVE area to lay out, and flow elements need not
 * know the manager.
 *
 * <p>A flow expires TIMEOUT after its last packet. Its id becomes free again when the periodic
 * sweep (driven by the packets themselves, a few hundred ids per packet once a second) or a new
 * flow arriving at a full table finds it expired; a packet of an expired 5-tuple that arrives
 * before that starts a new flow in the same id, with a new serial. A new flow that finds the
 * table full of live flows is dropped (counted in {@code drops}), as in FastClick. So are packets
 * without a network header annotation or too short for an IPv4 header. Non-TCP/UDP packets and
 * second and later fragments are classified with ports 0.
 *
 * <p>Ports: one input, one output; push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code CAPACITY}: integer, 1 to 16777216, rounded up to a power of two. Most flows at once.
 *     Default 65536.</li>
 * <li>{@code RESERVE}: integer. FastClick's per-flow scratch space in bytes; accepted and
 *     ignored, since flow elements keep their own arrays. Default 0.</li>
 * <li>{@code TIMEOUT}: time (a bare number is seconds). Flows idle this long expire; 0 means
 *     never. Default 60 seconds.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): live flows in the table.</li>
 * <li>{@code capacity} (read): the table's capacity after rounding.</li>
 * <li>{@code drops} (read): packets dropped (table full, or no IPv4 header).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * FromDevice(in) -&gt; Strip(14) -&gt; CheckIPHeader -&gt; FlowIPManager(65536, TIMEOUT 30)
 *     -&gt; FlowCounter -&gt; FlowIPNAT(SIP 1.0.0.1) -&gt; ...
 * </pre>
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class FlowIPManager extends Element implements DropCounter {
    /** The flow's serial number: differs for every flow a manager created; 0 means "no flow". */
    public static final MetadataField FLOW_SERIAL = MetadataField.register("flow_serial", 4);
    public static final int MAX_CAPACITY = 1 << 24;

    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int SWEEP_CHUNK = 256;
    private static final long SWEEP_INTERVAL = 1_000_000_000L;

    private final int capacity;
    private final long timeout;
    private final State state;

    private static final class State {
        LongSupplier clock = WorkerClock::nanos;
        final FlowKeyIndex index;
        final long[] keyHi;
        final long[] keyLo;
        final long[] lastSeen;
        /** Serial of the flow holding each id; 0 for a free id. */
        final int[] serial;
        final int[] freeIds;
        int freeTop;
        int count;
        int lastSerial;
        long drops;
        long nextSweep;
        int sweepCursor;
        long lastFullSweep;

        State(int capacity, long seed) {
            index = new FlowKeyIndex(capacity * 2, seed);
            keyHi = new long[capacity];
            keyLo = new long[capacity];
            lastSeen = new long[capacity];
            serial = new int[capacity];
            freeIds = new int[capacity];
            for (int i = 0; i < capacity; i++) {
                freeIds[i] = capacity - 1 - i;
            }
            freeTop = capacity;
        }

        int newSerial() {
            int s = ++lastSerial;
            return s != 0 ? s : ++lastSerial;
        }
    }

    public FlowIPManager(ElementConfig c) {
        super(c);
        Args args = c.args();
        int cap = args.positional("CAPACITY").integer(65536, 1, MAX_CAPACITY);
        capacity = Integer.bitCount(cap) == 1 ? cap : Integer.highestOneBit(cap) << 1;
        args.keyword("RESERVE").integer(0, 0, Integer.MAX_VALUE);
        timeout = args.keyword("TIMEOUT").durationNanos(60_000_000_000L);
        state = new State(capacity, ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void initialize() {
        restartClock();
    }

    /** Test hook: replaces the clock (nanoseconds, like {@link System#nanoTime}). */
    void setClock(LongSupplier clock) {
        state.clock = clock;
        restartClock();
    }

    private void restartClock() {
        long now = state.clock.getAsLong();
        state.nextSweep = now + SWEEP_INTERVAL;
        state.lastFullSweep = now - SWEEP_INTERVAL;
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int len = p.length();
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : -1;
        if (nh < 0 || nh + 20 > len) {
            s.drops++;
            p.kill();
            return;
        }
        int proto = p.u8(nh + 9);
        int ports = 0;
        if (proto == TCP || proto == UDP) {
            int th = p.transportHeaderOffset();
            if ((p.u16(nh + 6) & 0x1FFF) == 0 && th >= nh + 20 && th + 4 <= len) {
                ports = p.u32(th);
            }
        }
        long hi = FlowKeyIndex.hi(p.u32(nh + 12), p.u32(nh + 16));
        long lo = ((long) proto << 32) | (ports & 0xFFFF_FFFFL);
        long now = s.clock.getAsLong();
        if (timeout > 0 && now - s.nextSweep >= 0) {
            sweepStep(s, now);
        }
        int id = s.index.get(hi, lo);
        if (id >= 0) {
            if (timeout > 0 && now - s.lastSeen[id] >= timeout) {
                s.serial[id] = s.newSerial();
            }
        } else {
            id = newFlow(s, hi, lo, now);
            if (id < 0) {
                s.drops++;
                p.kill();
                return;
            }
        }
        s.lastSeen[id] = now;
        p.setFlowId(id);
        p.setAnno(FLOW_SERIAL, s.serial[id]);
        output(0, p);
    }

    private int newFlow(State s, long hi, long lo, long now) {
        if (s.freeTop == 0) {
            if (timeout <= 0 || now - s.lastFullSweep < SWEEP_INTERVAL) {
                return -1;
            }
            s.lastFullSweep = now;
            sweep(s, now, 0, capacity);
            if (s.freeTop == 0) {
                return -1;
            }
        }
        int id = s.freeIds[--s.freeTop];
        s.keyHi[id] = hi;
        s.keyLo[id] = lo;
        s.serial[id] = s.newSerial();
        s.index.put(hi, lo, id);
        s.count++;
        return id;
    }

    private void sweepStep(State s, long now) {
        int end = Math.min(s.sweepCursor + SWEEP_CHUNK, capacity);
        sweep(s, now, s.sweepCursor, end);
        if (end == capacity) {
            s.sweepCursor = 0;
            s.nextSweep = now + SWEEP_INTERVAL;
        } else {
            s.sweepCursor = end;
        }
    }

    private void sweep(State s, long now, int from, int to) {
        for (int id = from; id < to; id++) {
            if (s.serial[id] != 0 && now - s.lastSeen[id] >= timeout) {
                s.index.remove(s.keyHi[id], s.keyLo[id], id);
                s.serial[id] = 0;
                s.freeIds[s.freeTop++] = id;
                s.count--;
            }
        }
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("capacity", () -> capacity);
        h.readLong("drops", () -> s.drops);
    }
}
