package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Splits off the packets that exceed a bandwidth.
 *
 * <pre>BandwidthRatedSplitter(RATE)</pre>
 *
 * <p>RatedSplitter measured in bytes: RATE is a bandwidth with its unit ({@code 10Mbps},
 * {@code 1MB/s}). A packet goes out of output 0 if the token bucket (10 ms worth of bytes, starting
 * full) holds at least its length, which it then takes; else out of output 1 (dropped if
 * not connected).
 *
 * <p>Ports: one input, one or two outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read/write): RATE, read in bytes per second.</li>
 * <li>{@code config} (read): RATE in bits per second.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; s :: BandwidthRatedSplitter(10Mbps) -&gt; out;  s[1] -&gt; Discard;</pre>
 *
 * <p>See also: RatedSplitter, BandwidthMeter, BandwidthShaper.
 */
@ElementInfo(ports = "1/1-2", processing = "h/h")
public final class BandwidthRatedSplitter extends SplitterBase {
    public BandwidthRatedSplitter(ElementConfig c) {
        super(c, true);
    }
}
