package io.jmill.elements.control;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * A Script that manages the router's stopping.
 *
 * <pre>DriverManager(INSTRUCTIONS...)</pre>
 *
 * <p>Click's DriverManager: a Script whose default TYPE is {@code DRIVER}. It runs when the router
 * starts, and the router stops when its script ends (or executes {@code stop}). Until then the
 * router does not stop by itself at the end of its input, so a DriverManager decides how long a
 * measurement runs:
 * <pre>
 * src :: InfiniteSource -&gt; c :: Counter -&gt; Discard;
 * DriverManager(wait 1s, print "rate: $(c.rate)", stop);
 * </pre>
 * The instructions, substitutions and handlers are Script's. An empty DriverManager waits for one
 * step and then stops the router. At most one DriverManager (or Script of type DRIVER) per
 * router.
 *
 * <p>In Click, elements that ask the driver to stop (a source's {@code STOP true}) step the
 * DriverManager instead of stopping the router, so that
 * {@code DriverManager(pause, print c.count, stop)} prints once the trace is done. JMill's router
 * cannot yet route stop requests through the script: such a request stops the router at once. To
 * keep the idiom working, a DriverManager that is waiting ({@code pause} or {@code wait}) when the
 * router stops takes that stop as its stop event: once the workers have stopped it runs the rest
 * of its script, timed waits passing at once and a further {@code pause} ending it. Handler values
 * it prints then are final. (It does the same when the router is stopped from outside, for
 * instance by {@code --duration}, where Click would simply exit.)
 *
 * <p>Ports: none.
 *
 * <p>Handlers: Script's ({@code step}, {@code goto}, {@code run}).
 *
 * <p>Example:
 * <pre>
 * FromDump(trace.pcap, STOP true) -&gt; c :: Counter -&gt; Discard;
 * DriverManager(pause, print "packets: $(c.count)", stop);
 * </pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class DriverManager extends Script {
    public DriverManager(ElementConfig c) {
        super(c, Type.DRIVER);
    }
}
