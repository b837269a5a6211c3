package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Shapes a pulled packet stream to a rate in packets per second.
 *
 * <pre>Shaper(RATE)</pre>
 *
 * <p>Returns a packet when pulled only if that keeps the stream at or below RATE packets per
 * second; otherwise the pull returns nothing and the packet waits upstream. The rate is kept on the
 * worker clock by a token bucket of 1 ms worth of tokens (at least one), so bursts stay short, as
 * with Click's GapRate.
 *
 * <p>Ports: one pull input, one pull output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read/write): RATE.</li>
 * <li>{@code config} (read): RATE.</li>
 * <li>{@code reset} (write): empty the bucket.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; Queue -&gt; Shaper(1000) -&gt; Unqueue -&gt; Discard;</pre>
 *
 * <p>See also: BandwidthShaper, RatedUnqueue, RatedSplitter, Meter.
 */
@ElementInfo(ports = "1/1", processing = "l/l")
public final class Shaper extends ShaperBase {
    public Shaper(ElementConfig c) {
        super(c, false);
    }
}
