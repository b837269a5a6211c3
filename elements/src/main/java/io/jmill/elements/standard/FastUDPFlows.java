package io.jmill.elements.standard;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.SplittableRandom;

/**
 * Generates UDP flows with fixed Ethernet and IP headers, a benchmark source.
 *
 * <pre>FastUDPFlows(RATE, LIMIT, LENGTH, SRCETH, SRCIP, DSTETH, DSTIP, FLOWS, FLOWSIZE
 *              [, keywords BURST, FLOWBURST, CHECKSUM, SEQUENTIAL, DUPLICATE, ACTIVE, STOP, SEED])</pre>
 *
 * <p>At start-up, builds FLOWS UDP/IPv4 Ethernet frames of LENGTH bytes (at least 60; a smaller
 * LENGTH is raised to 60 with a warning) from SRCETH/SRCIP to DSTETH/DSTIP, each with its own
 * random source and destination ports (TTL 250, IP ID 0, zero payload). Every packet sent is a
 * copy of one of them: flows are picked at random (in turn with SEQUENTIAL), FLOWBURST
 * consecutive packets of a flow at a time. Once a flow has sent FLOWSIZE packets it changes its
 * ports (new random ones, or each port plus one with SEQUENTIAL) and starts counting again. The
 * UDP checksum is computed unless CHECKSUM is false (then it is 0). Packets carry the IP header
 * and destination-IP annotations.
 *
 * <p>Sends RATE packets per second (0: as fast as it can), LIMIT packets in all (negative: no
 * limit), while ACTIVE. With {@code STOP true} it asks the router to stop once LIMIT packets are
 * out.
 *
 * <p>Ports: no inputs, one output, agnostic. Pushed, a task sends up to BURST packets per run.
 * Pulled, each pull returns one packet (or nothing when inactive, past LIMIT or ahead of RATE).
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code BURST}: integer, at least 1. Most packets per run when pushed. Default 32.</li>
 * <li>{@code FLOWBURST}: integer, at least 1. Consecutive packets of one flow. Default 1.</li>
 * <li>{@code CHECKSUM}: boolean. Compute UDP checksums. Default true.</li>
 * <li>{@code SEQUENTIAL}: boolean. Flows in turn and ports counting up, instead of at random.
 *     Default false.</li>
 * <li>{@code DUPLICATE}: boolean. Accepted for compatibility: packets are always independent
 *     copies.</li>
 * <li>{@code ACTIVE}: boolean. Default true.</li>
 * <li>{@code STOP}: boolean. Stop the router after LIMIT packets. Default false.</li>
 * <li>{@code SEED}: integer. Seed of the port and flow choices, for repeatable traffic (JMill's
 *     addition; default: a different seed every run).</li>
 * </ul>
 * (FastClick's FLOWBURST repeats the first flow rather than the chosen one when flows are random;
 * here a burst stays on the flow it started with.)
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets sent since the last reset.</li>
 * <li>{@code rate} (read/write): read, the average rate of the last LIMIT packets, packets per
 *     second (0 until LIMIT is reached); written, the RATE setting.</li>
 * <li>{@code reset} (write): count from 0 again, so another LIMIT packets go out.</li>
 * <li>{@code active} (read/write), {@code limit} (read/write), {@code stop} (read/write): the
 *     ACTIVE, LIMIT and STOP settings.</li>
 * <li>{@code length} (read/write): LENGTH; writing it builds the flows anew.</li>
 * <li>{@code drops} (read): packets not sent because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FastUDPFlows(0, 1000000, 60, 0:0:0:0:0:1, 10.0.0.1, 0:0:0:0:0:2, 10.0.0.2, 100, 10)
 *     -&gt; ToDevice(eth0);</pre>
 *
 * <p>See also: RatedSource, InfiniteSource.
 */
@ElementInfo(ports = "0/1", processing = "a/a")
public final class FastUDPFlows extends Element implements Task, TrafficSource, DropCounter {
    private static final int MIN_LENGTH = 60;
    private static final int ETHER = 14;
    private static final int UDP = ETHER + 20;

    private final long srcEth;
    private final long dstEth;
    private final int srcIp;
    private final int dstIp;
    private final int flowSize;
    private final int burst;
    private final int flowBurst;
    private final boolean checksum;
    private final boolean sequential;
    private final State state;

    /** The flows' frames and counters, the settings handlers change, and statistics. */
    private static final class State {
        final SplittableRandom random;
        final int[] flowCount;
        /** One frame per flow; rebuilt whole when the length changes. */
        volatile byte[][] frames;
        volatile int length;
        volatile double rate;
        volatile long limit;
        volatile boolean active;
        volatile boolean stop;
        volatile boolean restart = true;
        int flow;
        int sentOfFlow;
        long nextSend;
        long count;
        long firstNanos;
        long lastNanos;
        long bytesOut;
        long drops;

        State(int flows, long seed) {
            random = new SplittableRandom(seed);
            flowCount = new int[flows];
        }
    }

    public FastUDPFlows(ElementConfig c) {
        super(c);
        Args args = c.args();
        double rate = args.mandatoryPositional("RATE").longValue(0, 0, Integer.MAX_VALUE);
        long limit = args.mandatoryPositional("LIMIT").longValue(-1);
        int length = args.mandatoryPositional("LENGTH").integer(MIN_LENGTH, 0, PacketPool.DATA_SIZE);
        srcEth = args.mandatoryPositional("SRCETH").etherAddress(0);
        srcIp = args.mandatoryPositional("SRCIP").ipAddress(0);
        dstEth = args.mandatoryPositional("DSTETH").etherAddress(0);
        dstIp = args.mandatoryPositional("DSTIP").ipAddress(0);
        int flows = args.mandatoryPositional("FLOWS").integer(1, 1, 1 << 20);
        flowSize = args.mandatoryPositional("FLOWSIZE").integer(1, 1, Integer.MAX_VALUE);
        burst = args.keyword("BURST").integer(32, 1, 1 << 16);
        flowBurst = args.keyword("FLOWBURST").integer(1, 1, Integer.MAX_VALUE);
        checksum = args.keyword("CHECKSUM").bool(true);
        sequential = args.keyword("SEQUENTIAL").bool(false);
        args.keyword("DUPLICATE").bool(false);
        boolean active = args.keyword("ACTIVE").bool(true);
        boolean stop = args.keyword("STOP").bool(false);
        long seed = args.keyword("SEED").longValue(System.nanoTime());
        state = new State(flows, seed);
        state.rate = rate;
        state.limit = limit < 0 ? -1 : limit;
        state.active = active;
        state.stop = stop;
        state.length = checkedLength(length);
        state.frames = buildFrames(state.length);
    }

    private int checkedLength(int length) {
        if (length < MIN_LENGTH) {
            System.err.println(name() + ": warning: packet length < " + MIN_LENGTH + ", defaulting to " + MIN_LENGTH);
            return MIN_LENGTH;
        }
        return length;
    }

    private byte[][] buildFrames(int length) {
        byte[][] frames = new byte[state.flowCount.length][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(length, randomPort(), randomPort());
            state.flowCount[i] = 0;
        }
        return frames;
    }

    private int randomPort() {
        return state.random.nextInt(0xFFFF);
    }

    private byte[] frame(int length, int srcPort, int dstPort) {
        byte[] f = FrameBuilder.udp().srcMac(srcEth).dstMac(dstEth).srcIp(srcIp).dstIp(dstIp)
                .ttl(250).ipId(0).frameLength(length).build();
        setPorts(f, srcPort, dstPort);
        return f;
    }

    /** Changes a flow's ports in place and its UDP checksum with them. */
    private void setPorts(byte[] f, int srcPort, int dstPort) {
        putShort(f, UDP, srcPort);
        putShort(f, UDP + 2, dstPort);
        putShort(f, UDP + 6, 0);
        if (checksum) {
            int len = f.length - UDP;
            int sum = Checksum.finish(Checksum.add(Checksum.pseudoHeader(srcIp, dstIp, FrameBuilder.PROTO_UDP, len),
                    f, UDP, len));
            putShort(f, UDP + 6, sum == 0 ? 0xFFFF : sum);
        }
    }

    private static void putShort(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public int runTask() {
        if (!outputIsPush(0)) {
            return DONE;
        }
        State s = state;
        if (!s.active) {
            return 0;
        }
        int sent = 0;
        while (sent < burst) {
            Packet p = next(s);
            if (p == null) {
                break;
            }
            sent++;
            output(0, p);
        }
        if (sent == 0 && s.limit >= 0 && s.count >= s.limit) {
            return DONE;
        }
        return sent;
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        return s.active ? next(s) : null;
    }

    /** The next packet, or null when past LIMIT, ahead of RATE or out of buffers. */
    private Packet next(State s) {
        long limit = s.limit;
        if (limit >= 0 && s.count >= limit) {
            if (s.stop && !host().stopping()) {
                host().stop(name() + ": LIMIT reached (" + limit + " packets)");
            }
            return null;
        }
        double rate = s.rate;
        long now = 0;
        if (rate > 0) {
            now = WorkerClock.nanos();
            if (s.restart) {
                s.restart = false;
                s.nextSend = now;
            }
            if (now < s.nextSend) {
                SimulatedTime.wakeAt(s.nextSend);
                return null;
            }
            s.nextSend = Math.max(s.nextSend + (long) (1e9 / rate), now - 1_000_000);
        }
        Packet p = PacketPool.alloc();
        if (p == null) {
            s.drops++;
            return null;
        }
        byte[] frame = nextFrame(s);
        p.setLength(frame.length);
        p.copyIn(0, frame, 0, frame.length);
        p.setNetworkHeader(ETHER, 20);
        p.setDstIpAnno(dstIp);
        s.count++;
        s.bytesOut += frame.length;
        if (s.count == 1 || (limit >= 0 && s.count == limit)) {
            long t = now != 0 ? now : WorkerClock.nanos();
            if (s.count == 1) {
                s.firstNanos = t;
            }
            s.lastNanos = t;
        }
        return p;
    }

    private byte[] nextFrame(State s) {
        int[] counts = s.flowCount;
        if (s.sentOfFlow >= flowBurst) {
            s.flow = sequential ? (s.flow + 1) % counts.length : s.random.nextInt(counts.length);
            s.sentOfFlow = 0;
        }
        s.sentOfFlow++;
        int f = s.flow;
        byte[][] frames = s.frames;
        if (counts[f] >= flowSize) {
            byte[] old = frames[f];
            int sport = sequential ? (((old[UDP] & 0xFF) << 8 | (old[UDP + 1] & 0xFF)) + 1) % 0xFFFF : randomPort();
            int dport = sequential ? (((old[UDP + 2] & 0xFF) << 8 | (old[UDP + 3] & 0xFF)) + 1) % 0xFFFF : randomPort();
            setPorts(old, sport, dport);
            counts[f] = 0;
        }
        counts[f]++;
        return frames[f];
    }

    // ------------------------------------------------------------------ statistics and handlers

    @Override
    public long packetsOut() {
        return state.count;
    }

    @Override
    public long bytesOut() {
        return state.bytesOut;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    private void wake() {
        if (host() != null) {
            host().reschedule(this);
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readWrite("rate", () -> {
            if (s.limit < 0 || s.count < s.limit || s.count == 0) {
                return "0";
            }
            long span = Math.max(1, s.lastNanos - s.firstNanos);
            return Long.toString((long) (s.count * 1e9 / span));
        }, v -> {
            s.rate = HandlerValues.integer("rate", v, 0, Integer.MAX_VALUE);
            s.restart = true;
        });
        h.write("reset", v -> {
            s.count = 0;
            s.firstNanos = 0;
            s.lastNanos = 0;
            s.restart = true;
            wake();
        });
        h.readWrite("active", () -> Boolean.toString(s.active), v -> {
            s.active = HandlerValues.bool("active", v);
            if (s.active) {
                s.count = 0;
                s.restart = true;
                wake();
            }
        });
        h.readWrite("limit", () -> Long.toString(s.limit), v -> {
            long limit = HandlerValues.longValue("limit", v);
            s.limit = limit < 0 ? -1 : limit;
            wake();
        });
        h.readWrite("stop", () -> Boolean.toString(s.stop), v -> s.stop = HandlerValues.bool("stop", v));
        h.readWrite("length", () -> Integer.toString(s.length), v -> {
            int length = checkedLength(HandlerValues.integer("length", v, 0, PacketPool.DATA_SIZE));
            if (length != s.length) {
                s.length = length;
                s.frames = buildFrames(length);
            }
        });
        h.readLong("drops", () -> s.drops);
    }
}
