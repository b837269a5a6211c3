package io.jmill.elements.synthetic;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Artificially creates CPU and memory load per packet.
 *
 * <pre>WorkPackage(S, N, R, PAYLOAD [, keywords W, ANALYSIS, SEED])</pre>
 *
 * <p>For each packet, generates W pseudo-random numbers (pure CPU work; the last one seeds what
 * follows), then makes N 4-byte reads at pseudo-random positions: each read goes, with probability
 * R percent, to the packet (its first 54 bytes, or its whole data if PAYLOAD is true) and
 * otherwise to an S-megabyte array of random words. Each value read is mixed into the next
 * position, so the reads depend on each other as in FastClick, and the final value of every packet
 * is added to the element's {@code result}, so that the work cannot be optimized away. Packets
 * pass unchanged.
 *
 * <p>The array lives on the heap, filled at configuration time from SEED. The generator is a
 * 64-bit xorshift (FastClick uses a per-thread Mersenne Twister); the element's state assumes one
 * thread runs it, as FastClick's per-thread generators do per thread. Reads into the packet never
 * go past its end: a packet shorter than 4 bytes reads zeros.
 *
 * <p>Ports: one or more inputs, as many outputs; packets from input i leave on output i;
 * agnostic.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code S}: integer, 0 to 2047. Array size in megabytes (0: no array; reads meant for it
 *     read 0). Mandatory.</li>
 * <li>{@code N}: integer, 0 or more. Reads per packet. Mandatory.</li>
 * <li>{@code R}: integer, 0 to 100. Percentage of the reads made in the packet rather than the
 *     array. Mandatory.</li>
 * <li>{@code PAYLOAD}: boolean. If true, packet reads cover the whole packet, else its first 54
 *     bytes (the headers). Mandatory.</li>
 * <li>{@code W}: integer, 0 or more. Random numbers generated per packet. Default 1.</li>
 * <li>{@code ANALYSIS}: boolean. Measure the time spent, for the handlers below. Default false.</li>
 * <li>{@code SEED}: integer. Seed of the array and the generator, for reproducible runs
 *     (a JMill addition). Default: random.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code result} (read): the sum of the packets' final values (a JMill addition).</li>
 * <li>{@code count} (read): packets processed (a JMill addition).</li>
 * <li>{@code cycles}, {@code cycles_per_work}, {@code cycles_work} (read; with ANALYSIS): total
 *     time spent, time per unit of W, and units of W done. The JVM has no portable cycle counter,
 *     so times are in <em>nanoseconds</em>, unlike FastClick's cycles.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; WorkPackage(S 16, N 5, R 10, PAYLOAD false, W 20) -&gt; ToDevice(eth1);</pre>
 */
@ElementInfo(ports = "1-/=", processing = "a/a")
public final class WorkPackage extends Element {
    /** Largest S, in megabytes (the array is one Java int[]). */
    public static final int MAX_SIZE_MB = 2047;
    private static final int HEADER_BYTES = 54;

    private final int n;
    private final int r;
    private final boolean payload;
    private final int w;
    private final boolean analysis;
    private final int[] array;
    private final State state;

    private static final class State {
        long random;
        long result;
        long count;
        long nanos;
        long works;
    }

    public WorkPackage(ElementConfig c) {
        super(c);
        Args args = c.args();
        int sizeMb = args.mandatoryPositional("S").integer(0, 0, MAX_SIZE_MB);
        n = args.mandatoryPositional("N").integer(0, 0, Integer.MAX_VALUE);
        r = args.mandatoryPositional("R").integer(0, 0, 100);
        payload = args.mandatoryPositional("PAYLOAD").bool(false);
        w = args.keyword("W").integer(1, 0, Integer.MAX_VALUE);
        analysis = args.keyword("ANALYSIS").bool(false);
        long seed = args.keyword("SEED").longValue(ThreadLocalRandom.current().nextLong());
        state = new State();
        state.random = mix(seed);
        long words = (long) sizeMb * 1024 * 1024 / 4;
        try {
            array = new int[(int) words];
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException("S: cannot allocate " + sizeMb + " MB");
        }
        long x = mix(seed ^ 0x5DEE_CE66_DL);
        for (int i = 0; i < array.length; i++) {
            x = xorshift(x);
            array[i] = (int) (x >>> 32);
        }
    }

    /** SplitMix64's finalizer: a well-spread, non-zero xorshift state from any seed. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        return z != 0 ? z : 0x9E37_79B9_7F4A_7C15L;
    }

    private static long xorshift(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }

    @Override
    public void push(int port, Packet p) {
        work(p);
        output(port, p);
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(port);
        if (p != null) {
            work(p);
        }
        return p;
    }

    private void work(Packet p) {
        State s = state;
        long start = analysis ? System.nanoTime() : 0;
        long x = s.random;
        int v = 0;
        for (int i = 0; i < w; i++) {
            x = xorshift(x);
            v = (int) (x >>> 32);
        }
        s.random = x;
        int len = p.length();
        int span = payload ? len : Math.min(len, HEADER_BYTES);
        int[] a = array;
        for (int i = 0; i < n; i++) {
            long u = v & 0xFFFF_FFFFL;
            int data;
            if ((int) ((u * 100) >>> 32) < r) {
                // A 4-byte read at a uniform position that keeps it inside the first span bytes.
                data = span >= 4 ? p.u32((int) ((u * (span - 3)) >>> 32)) : 0;
            } else {
                data = a.length > 0 ? a[(int) ((u * a.length) >>> 32)] : 0;
            }
            v = data ^ (v << 24 ^ v << 16 ^ v << 8 ^ v >>> 16);
        }
        s.result += v & 0xFFFF_FFFFL;
        s.count++;
        if (analysis) {
            s.nanos += System.nanoTime() - start;
            s.works += w;
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("result", () -> s.result);
        h.readLong("count", () -> s.count);
        if (analysis) {
            h.readLong("cycles", () -> s.nanos);
            h.readLong("cycles_work", () -> s.works);
            h.read("cycles_per_work", () -> String.format(Locale.ROOT, "%.3f",
                    s.works == 0 ? 0.0 : (double) s.nanos / s.works));
        }
    }
}
