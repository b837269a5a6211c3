package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Pull-to-push converter that pulls a burst once per interval.
 *
 * <pre>TimedUnqueue(INTERVAL [, BURST, keyword ACTIVE])</pre>
 *
 * <p>Pulls at most BURST packets every INTERVAL from its input and pushes them out of its single
 * output. The default BURST is 1. The first burst goes one INTERVAL after the router starts; each
 * following one an INTERVAL after the previous one, on the worker clock. As in Click, packets that
 * arrive at a low rate wait on average INTERVAL/2 before they go.
 *
 * <p>Ports: one pull input, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code INTERVAL}: time ({@code 1s}, {@code 10ms}, a bare number is seconds). Same as the
 *     INTERVAL argument.</li>
 * <li>{@code BURST}: integer, at least 1. Same as the BURST argument.</li>
 * <li>{@code ACTIVE}: boolean. If false, pull nothing. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code interval}, {@code burst}, {@code active} (read/write): the settings.</li>
 * <li>{@code count} (read): packets moved.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; Queue -&gt; TimedUnqueue(100ms, 10) -&gt; Discard;</pre>
 *
 * <p>See also: RatedUnqueue, Unqueue, Burster.
 */
@ElementInfo(ports = "1/1", processing = "l/h")
public final class TimedUnqueue extends PeriodicUnqueue {
    public TimedUnqueue(ElementConfig c) {
        super(c, -1, 1);
    }
}
