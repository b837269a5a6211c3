package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Shapes a pulled packet stream to a bandwidth.
 *
 * <pre>BandwidthShaper(RATE)</pre>
 *
 * <p>Shaper measured in bytes: RATE is a bandwidth with its unit ({@code 10Mbps}, {@code 1MB/s}).
 * A pull returns a packet while the token bucket (1 ms worth of bytes) holds at least one byte; the
 * packet takes its length from the bucket, overdrawing it if need be, and the next one waits until
 * the debt is paid, so the long-run bandwidth is RATE.
 *
 * <p>Ports: one pull input, one pull output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read/write): RATE, read in bytes per second ({@code 125000B/s}).</li>
 * <li>{@code config} (read): RATE in bits per second ({@code 1000000bps}).</li>
 * <li>{@code reset} (write): empty the bucket.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; Queue -&gt; BandwidthShaper(1Mbps) -&gt; Unqueue -&gt; ToDevice(eth0);</pre>
 *
 * <p>See also: Shaper, BandwidthRatedUnqueue.
 */
@ElementInfo(ports = "1/1", processing = "l/l")
public final class BandwidthShaper extends ShaperBase {
    public BandwidthShaper(ElementConfig c) {
        super(c, true);
    }
}
