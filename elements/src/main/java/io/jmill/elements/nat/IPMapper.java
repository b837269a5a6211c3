package io.jmill.elements.nat;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;

/**
 * An element that an IPRewriter, UDPRewriter or TCPRewriter input spec may name instead of a
 * pattern (Click's IPMapper): it holds patterns {@code SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT}
 * (or {@code PATNAME FOUTPUT ROUTPUT}) and picks the one each new flow is rewritten by. The
 * outputs are the rewriter's, and belong to the flow.
 */
public abstract class IPMapper extends Element {
    final RewriteInputs inputs;

    protected IPMapper(ElementConfig c) {
        super(c);
        inputs = new RewriteInputs(c.args(), -1, Integer.MAX_VALUE, true);
        if (inputs.kind.length == 0) {
            c.args().error("no patterns given");
        }
    }

    @Override
    public void initialize() {
        inputs.resolvePatterns(host(), this);
    }

    /** The pattern for the next new flow (on the rewriter's new-flow path, which is not per packet). */
    abstract int choose();

    /** How many patterns to try for one new flow before it fails (when a pattern has no port left). */
    abstract int attempts();
}
