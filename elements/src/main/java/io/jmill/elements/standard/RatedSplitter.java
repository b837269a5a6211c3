package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Splits off the packets that exceed a rate.
 *
 * <pre>RatedSplitter(RATE)</pre>
 *
 * <p>Sends at most RATE packets per second out of output 0 and the rest out of output 1 (dropped if
 * output 1 is not connected). A token bucket on the worker clock decides: it fills at RATE up to
 * 10 ms worth (at least 2) and starts full; a packet that finds a token takes it and goes
 * to output 0.
 *
 * <p>Ports: one input, one or two outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read/write): RATE.</li>
 * <li>{@code config} (read): RATE.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; rs :: RatedSplitter(1000) -&gt; out;  rs[1] -&gt; Discard;</pre>
 *
 * <p>See also: BandwidthRatedSplitter, Meter, RatedUnqueue.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class RatedSplitter extends SplitterBase {
    public RatedSplitter(ElementConfig c) {
        super(c, false);
    }
}
