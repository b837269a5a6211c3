package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Checks IP headers, without the checksum.
 *
 * <pre>CheckIPHeader2([OFFSET, keywords OFFSET, INTERFACES, BADSRC, GOODDST, CHECKSUM, VERBOSE, DETAILS])</pre>
 *
 * <p>Behaves exactly like {@code CheckIPHeader}, except that it does not check the IP header
 * checksum unless {@code CHECKSUM true} is given. Same ports, keywords and handlers
 * ({@code drops}, {@code drop_details}).
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader2(14) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckIPHeader2 extends CheckIPHeader {
    public CheckIPHeader2(ElementConfig c) {
        super(c, false);
    }
}
