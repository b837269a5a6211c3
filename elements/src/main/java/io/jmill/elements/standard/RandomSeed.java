package io.jmill.elements.standard;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Sets the seed of the router's random sequence.
 *
 * <pre>RandomSeed([SEED])</pre>
 *
 * <p>Seeds {@link RouterRandom}, the sequence that Click's {@code click_random()} stands for, with
 * SEED (an unsigned 32-bit integer) when the configuration is read; without SEED, with a truly
 * random value. The sequence is the C library's {@code random()}, so a seed gives the numbers Click
 * draws from it at user level. The rewriters (IPRewriter, UDPRewriter, TCPRewriter,
 * IPAddrRewriter, ICMPPingRewriter) draw from it when they choose a random port, identifier or
 * address for a new flow; elements that draw a number per packet (RandomSample, RandomSwitch,
 * RandomSource, ...) keep generators of their own and are not affected. Seeding affects every
 * router of the process, as in Click.
 *
 * <p>Ports: none.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code seed} (read/write): the last seed given (empty if none); writing a value reseeds.</li>
 * </ul>
 *
 * <p>Example: {@code RandomSeed(1)} makes a rewriter's random port choices the same on every run.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class RandomSeed extends Element {
    private final String seed;

    public RandomSeed(ElementConfig c) {
        super(c);
        Arg a = c.args().positional("SEED");
        String text = a.string(null);
        if (text != null && parse(text.strip()) < 0) {
            c.args().error("SEED: expected an unsigned 32-bit integer, got '" + text.strip() + "'");
        }
        seed = text == null ? null : text.strip();
        RouterRandom.seed(seed == null || parse(seed) < 0 ? ThreadLocalRandom.current().nextInt() : (int) parse(seed));
    }

    /** The seed as an unsigned 32-bit value, or -1 if it is not one. */
    private static long parse(String text) {
        try {
            long v = Long.parseLong(text);
            return v >= 0 && v <= 0xFFFF_FFFFL ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        String[] last = {seed == null ? "" : seed};
        h.readWrite("seed", () -> last[0], v -> {
            long s = parse(v.strip());
            if (s < 0) {
                throw new HandlerException("seed: expected an unsigned 32-bit integer, got '" + v.strip() + "'");
            }
            last[0] = v.strip();
            RouterRandom.seed((int) s);
        });
    }
}
