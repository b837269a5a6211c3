package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Says how packet data is aligned at some elements; accepted and ignored.
 *
 * <pre>AlignmentInfo(ELEMENT [MODULUS OFFSET ...], ...)</pre>
 *
 * <p>Click's {@code click-align} tool writes AlignmentInfo elements so that elements know the
 * alignment of the data they receive. JMill reads packet fields with unaligned-safe accesses, so
 * the information is not needed: the element accepts any arguments and does nothing, so that
 * aligned Click configurations run unchanged.
 *
 * <p>Ports: none.
 *
 * <p>Example:
 * <pre>AlignmentInfo(src 4 2);</pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class AlignmentInfo extends Element {
    public AlignmentInfo(ElementConfig c) {
        super(c);
        c.args().remainingPositional();
    }
}
