package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Pull-to-push converter that pulls at a given bandwidth.
 *
 * <pre>BandwidthRatedUnqueue(RATE [, keywords BURST_DURATION, BURST_BYTES, BURST, ACTIVE])</pre>
 *
 * <p>Pulls packets at RATE, a bandwidth ({@code 10Mbps}, {@code 1MB/s}), and pushes them out of
 * its single output. A token bucket on the worker clock holds bytes: it fills at RATE up to its
 * size (20 ms worth by default) and starts empty. A packet may be pulled while the bucket holds at
 * least one byte, and takes its length from the bucket, which may go below zero: that debt is paid
 * before the next packet goes, so the long-run bandwidth is exact.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code RATE}: bandwidth with its unit ({@code bps} or {@code Bps}). Same as the RATE
 *     argument.</li>
 * <li>{@code BURST_DURATION}: time. The bucket holds RATE &times; BURST_DURATION bytes.</li>
 * <li>{@code BURST_BYTES}: integer. The bucket holds this many bytes. Not with
 *     BURST_DURATION.</li>
 * <li>{@code BURST}: integer. Most packets moved per task run. Default 1, as in FastClick, so that
 *     one run never overdraws by more than one packet.</li>
 * <li>{@code ACTIVE}: boolean. If false, pull nothing. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code rate} (read/write): the bandwidth, read in bytes per second ({@code 125000B/s}),
 *     written in the RATE argument's syntax.</li>
 * <li>{@code active}, {@code burst} (read/write), {@code reset} (write), {@code calls} (read): as
 *     RatedUnqueue's.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap) -&gt; Queue -&gt; BandwidthRatedUnqueue(10Mbps) -&gt; ToDump(out.pcap);</pre>
 *
 * <p>See also: RatedUnqueue, BandwidthShaper, BandwidthRatedSplitter.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class BandwidthRatedUnqueue extends RateUnqueueBase {
    public BandwidthRatedUnqueue(ElementConfig c) {
        super(c, true);
    }
}
