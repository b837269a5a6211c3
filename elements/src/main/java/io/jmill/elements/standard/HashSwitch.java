package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Classifies packets by a hash of their contents.
 *
 * <pre>HashSwitch(OFFSET, LENGTH)</pre>
 *
 * <p>Chooses the output of each packet from a hash of the LENGTH bytes starting at byte OFFSET of
 * the packet data, so that packets with the same bytes there always take the same output (e.g.
 * for stochastic fair queuing). The hash is Click's: with {@code d} the sum of those bytes and
 * {@code n} the number of outputs, the output is {@code (d ^ (d >> 4)) & (n - 1)} when {@code n}
 * is 2, 4 or 8, and {@code d % n} otherwise. Packets shorter than OFFSET + LENGTH bytes go to
 * output 0.
 *
 * <p>Ports: one input, one or more outputs, push.
 *
 * <p>Arguments:
 * <ul>
 * <li>{@code OFFSET}: integer, at least 0. Where the hashed bytes start.</li>
 * <li>{@code LENGTH}: integer, at least 1. How many bytes are hashed.</li>
 * </ul>
 *
 * <p>Example: choose the output from the IP destination address of Ethernet frames.
 * <pre>... -&gt; hs :: HashSwitch(30, 4);  hs[0] -&gt; a;  hs[1] -&gt; b;  hs[2] -&gt; c;</pre>
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class HashSwitch extends Element {
    private final int offset;
    private final int length;

    public HashSwitch(ElementConfig c) {
        super(c);
        var args = c.args();
        offset = args.mandatoryPositional("OFFSET").integer(0, 0, Integer.MAX_VALUE);
        int len = args.mandatoryPositional("LENGTH").integer(1, 0, Integer.MAX_VALUE);
        if (len == 0) {
            args.error("LENGTH: must be > 0");
            len = 1;
        }
        length = len;
    }

    /** The output of a packet whose hashed bytes sum to {@code d}, among {@code n} outputs. */
    static int output(int d, int n) {
        if (n == 2 || n == 4 || n == 8) {
            return (d ^ (d >> 4)) & (n - 1);
        }
        return d % n;
    }

    @Override
    public void push(int port, Packet p) {
        int end = offset + length;
        if (p.length() < end || end < 0) {
            output(0, p);
            return;
        }
        int d = 0;
        for (int i = offset; i < end; i++) {
            d += p.u8(i);
        }
        output(output(d, noutputs()), p);
    }
}
