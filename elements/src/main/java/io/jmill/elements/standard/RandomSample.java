package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.SplittableRandom;

/**
 * Samples packets with some probability.
 *
 * <pre>RandomSample([P, keywords SAMPLE, DROP, ACTIVE, SEED])</pre>
 *
 * <p>Sends each packet to output 0 with probability P; the others go to output 1 if it is
 * connected, else they are dropped. Without P, one of SAMPLE and DROP must be given.
 *
 * <p>Ports: one input, one or two outputs; agnostic, output 1 push. Pulled, a packet not sampled is
 * sent to output 1 (or dropped) and the pull returns nothing.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code SAMPLE}: real between 0 and 1. The sampling probability, same as P.</li>
 * <li>{@code DROP}: real between 0 and 1. The probability of not sampling: 1 - P.</li>
 * <li>{@code ACTIVE}: boolean. If false, every packet goes to output 0. Default true.</li>
 * <li>{@code SEED}: integer. Seeds the random generator, for runs that repeat (JMill's addition;
 *     without it the seed differs from run to run).</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code sampling_prob}, {@code drop_prob} (read/write): P and 1 - P.</li>
 * <li>{@code active} (read/write): ACTIVE.</li>
 * <li>{@code drops} (read): packets not sampled.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; RandomSample(0.01) -&gt; ToDump(sample.pcap);</pre>
 *
 * <p>See also: RandomSwitch, RandomSource.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class RandomSample extends Element {
    private final State state;

    private static final class State {
        final SplittableRandom random;
        /** P scaled to 2^31: a packet is sampled if a random 31-bit number is below it. */
        volatile long threshold;
        volatile boolean active;
        long drops;

        State(SplittableRandom random) {
            this.random = random;
        }
    }

    public RandomSample(ElementConfig c) {
        super(c);
        var args = c.args();
        var p = args.positional("P");
        var sample = args.keyword("SAMPLE");
        var drop = args.keyword("DROP");
        int given = (p.present() ? 1 : 0) + (sample.present() ? 1 : 0) + (drop.present() ? 1 : 0);
        if (given != 1) {
            args.error("give exactly one of P, SAMPLE and DROP");
        }
        double prob = drop.present() ? 1 - probability(args, drop.real(0)) : probability(args, sample.present()
                ? sample.real(1) : p.real(1));
        long seed = args.keyword("SEED").longValue(System.nanoTime());
        state = new State(new SplittableRandom(seed));
        state.threshold = threshold(prob);
        state.active = args.keyword("ACTIVE").bool(true);
    }

    private static double probability(io.jmill.engine.args.Args args, double prob) {
        if (!(prob >= 0 && prob <= 1)) {
            args.error("probability must be between 0 and 1, got " + HandlerValues.number(prob));
            return 1;
        }
        return prob;
    }

    private static long threshold(double prob) {
        return Math.round(prob * (1L << 31));
    }

    private boolean sampled() {
        State s = state;
        return !s.active || (s.random.nextInt() >>> 1) < s.threshold;
    }

    @Override
    public void push(int port, Packet p) {
        if (sampled()) {
            output(0, p);
        } else {
            state.drops++;
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null || sampled()) {
            return p;
        }
        state.drops++;
        checkedOutput(1, p);
        return null;
    }

    private static long parseThreshold(String handler, String v, boolean drop) throws HandlerException {
        double prob = HandlerValues.parse(handler, v, a -> a.real(0));
        if (!(prob >= 0 && prob <= 1)) {
            throw new HandlerException(handler + ": must be between 0 and 1, got " + v.strip());
        }
        return threshold(drop ? 1 - prob : prob);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("sampling_prob", () -> HandlerValues.number(s.threshold / (double) (1L << 31)),
                v -> s.threshold = parseThreshold("sampling_prob", v, false));
        h.readWrite("drop_prob", () -> HandlerValues.number(1 - s.threshold / (double) (1L << 31)),
                v -> s.threshold = parseThreshold("drop_prob", v, true));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.readLong("drops", () -> s.drops);
    }
}
