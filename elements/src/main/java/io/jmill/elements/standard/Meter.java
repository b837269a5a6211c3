package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Classifies the packet stream by its rate in packets per second.
 *
 * <pre>Meter(RATE1, RATE2, ..., RATEn)</pre>
 *
 * <p>Measures the rate of packet arrival, an exponentially weighted moving average over 1 ms
 * epochs (weight 1/16) on the worker clock, and sends each packet to the output of the current
 * rate: below RATE1 to output 0, at least RATE1 but below RATE2 to output 1, and so on; at least
 * RATEn to output n. The rates must increase; a Meter with n rates has n+1 outputs. The whole
 * stream goes where the rate says: to split it, see RatedSplitter.
 *
 * <p>Ports: one input, two or more outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read): the measured rate, packets per second.</li>
 * </ul>
 *
 * <p>Example (drop the stream while it exceeds 10,000 packets per second):
 * <pre>... -&gt; m :: Meter(10000) -&gt; ...;  m[1] -&gt; Discard;</pre>
 *
 * <p>See also: BandwidthMeter, RatedSplitter, Shaper.
 */
@ElementInfo(ports = "1/2-", processing = "h/h")
public final class Meter extends MeterBase {
    public Meter(ElementConfig c) {
        super(c, false);
    }
}
