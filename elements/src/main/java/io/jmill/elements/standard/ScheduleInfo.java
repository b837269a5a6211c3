package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Gives tasks scheduling shares (Click's stride scheduling tickets); accepted and ignored.
 *
 * <pre>ScheduleInfo(ELEMENT PARAM, ...)</pre>
 *
 * <p>In Click, each argument gives an element's tasks a relative share of the CPU (a real number,
 * 1 by default). JMill's workers run every task in turn, one batch at a time, so the shares have
 * no meaning here: ScheduleInfo accepts its arguments (each must be an element name and a
 * non-negative number) and does nothing, so that Click configurations using it run unchanged.
 *
 * <p>Ports: none.
 *
 * <p>Example:
 * <pre>ScheduleInfo(poll_eth0 1, poll_eth1 0.5);</pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class ScheduleInfo extends Element {
    public ScheduleInfo(ElementConfig c) {
        super(c);
        var args = c.args();
        for (String part : io.jmill.engine.args.Args.split(c.configText())) {
            String[] w = part.strip().split("\\s+");
            if (w.length != 2 || !w[1].matches("[0-9]*\\.?[0-9]+")) {
                args.error("expected 'ELEMENT PARAM', got '" + part.strip() + "'");
            }
        }
        args.remainingPositional();
    }
}
