package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Classifies the packet stream by its bandwidth.
 *
 * <pre>BandwidthMeter(RATE1, RATE2, ..., RATEn)</pre>
 *
 * <p>Meter measured in bytes: the rates are bandwidths with their unit ({@code 10Mbps},
 * {@code 1MB/s}), the measured rate is a moving average of bytes per second, and each packet goes
 * to the output of the current rate (below RATE1 to output 0, ..., at least RATEn to output n).
 *
 * <p>Ports: one input, two or more outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read): the measured rate, e.g. {@code 125000B/s}.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; m :: BandwidthMeter(1Mbps) -&gt; ...;  m[1] -&gt; Discard;</pre>
 *
 * <p>See also: Meter, BandwidthShaper, BandwidthRatedSplitter.
 */
@ElementInfo(ports = "1/2-", processing = "h/h")
public final class BandwidthMeter extends MeterBase {
    public BandwidthMeter(ElementConfig c) {
        super(c, true);
    }
}
