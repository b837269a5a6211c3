package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Pull-to-push converter that moves packets in bursts.
 *
 * <pre>Burster([INTERVAL, BURST, keyword ACTIVE])</pre>
 *
 * <p>Pulls up to BURST packets (default 8) every INTERVAL (default 1 s, on the worker clock) and
 * pushes them out of its single output. TimedUnqueue does the same with a mandatory INTERVAL and
 * a default BURST of 1.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code interval}, {@code burst}, {@code active} (read/write): the settings.</li>
 * <li>{@code count} (read): packets moved.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; Queue -&gt; Burster(10ms, 16) -&gt; out;</pre>
 *
 * <p>See also: TimedUnqueue, RatedUnqueue, Unqueue.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class Burster extends PeriodicUnqueue {
    public Burster(ElementConfig c) {
        super(c, 1_000_000_000L, 8);
    }
}
