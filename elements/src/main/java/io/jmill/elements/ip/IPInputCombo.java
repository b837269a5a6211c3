package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * The usual steps of an IP router's input path, in one element.
 *
 * <pre>IPInputCombo(COLOR [, BADSRC, keywords INTERFACES, BADSRC, GOODDST, CHECKSUM, VERBOSE, DETAILS])</pre>
 *
 * <p>Expects Ethernet frames carrying IP. Equivalent to
 * <pre>Paint(COLOR) -&gt; Strip(14) -&gt; CheckIPHeader(BADSRC, ...) -&gt; GetIPAddress(16)</pre>
 * in one element: the paint annotation is set to COLOR, the Ethernet header is stripped, the IP
 * header is checked as CheckIPHeader checks it (its keywords, BADSRC and its handlers too), and a
 * valid packet leaves on output 0 with its network header and destination-IP annotations set and
 * its length cut to the IP total length. Invalid packets leave on output 1 if it is connected
 * (stripped), and are dropped otherwise.
 *
 * <p>Ports: one input, agnostic; one or two outputs, output 0 agnostic, output 1 push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): invalid packets seen. {@code drop_details} with DETAILS, as
 *     CheckIPHeader's.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; c :: Classifier(12/0800, -) -&gt; IPInputCombo(0, INTERFACES 10.0.0.1/24) -&gt; rt;</pre>
 *
 * <p>See also: CheckIPHeader, IPOutputCombo, Paint, Strip, GetIPAddress.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class IPInputCombo extends CheckIPHeader {
    private final int color;

    public IPInputCombo(ElementConfig c) {
        int color = c.args().mandatoryPositional("COLOR").integer(0, 0, 255);
        super(c, true);
        this.color = color;
    }

    @Override
    protected int classify(int port, Packet p) {
        p.setPaint(color);
        p.pull(14);
        return super.classify(port, p);
    }
}
