package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

import java.util.SplittableRandom;

/**
 * Sends each packet to a random output.
 *
 * <pre>RandomSwitch([keyword SEED])</pre>
 *
 * <p>Sends every packet to one of its outputs, chosen uniformly at random.
 *
 * <p>Ports: one input, one or more outputs, push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code SEED}: integer. Seeds the random generator, for runs that repeat (JMill's
 *     addition).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; rs :: RandomSwitch; rs[0] -&gt; q0 :: Queue; rs[1] -&gt; q1 :: Queue;</pre>
 *
 * <p>See also: RoundRobinSwitch, HashSwitch, RandomSample.
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class RandomSwitch extends Element {
    private final SplittableRandom random;
    private final int n;

    public RandomSwitch(ElementConfig c) {
        super(c);
        random = new SplittableRandom(c.args().keyword("SEED").longValue(System.nanoTime()));
        n = Math.max(1, c.noutputs());
    }

    @Override
    public void push(int port, Packet p) {
        output(random.nextInt(n), p);
    }
}
