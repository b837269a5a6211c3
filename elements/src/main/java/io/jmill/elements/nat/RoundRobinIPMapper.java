package io.jmill.elements.nat;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Hands a rewriter's new flows to its patterns in turn.
 *
 * <pre>RoundRobinIPMapper(PATTERN1, ..., PATTERNn)</pre>
 *
 * <p>An IPMapper: an IPRewriter, UDPRewriter or TCPRewriter input spec may name this element
 * instead of giving a pattern. Each PATTERN is {@code SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT}, as
 * after the word {@code pattern} in an input spec (or {@code PATNAME FOUTPUT ROUTPUT} for a pattern
 * of IPRewriterPatterns). The first new flow is rewritten by PATTERN1, the next by PATTERN2, and so
 * on, starting over after PATTERNn; a pattern with no free port left is skipped. A flow's packets
 * leave the rewriter on its pattern's FOUTPUT, its replies on ROUTPUT. Patterns (and their
 * sequential port counters) are shared by every rewriter naming this element.
 *
 * <p>Ports: none.
 *
 * <p>Example, spreading flows over two public addresses:
 * <pre>
 * map :: RoundRobinIPMapper(1.0.0.1 1024-65535 - - 0 1, 1.0.0.2 1024-65535 - - 0 1);
 * rw :: IPRewriter(map, drop);
 * </pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class RoundRobinIPMapper extends IPMapper {
    /** The pattern for the next new flow (run-time state, one rewriter thread at a time). */
    private final int[] next = new int[1];

    public RoundRobinIPMapper(ElementConfig c) {
        super(c);
    }

    @Override
    int choose() {
        int k = next[0];
        next[0] = k + 1 == inputs.kind.length ? 0 : k + 1;
        return k;
    }

    @Override
    int attempts() {
        return inputs.kind.length;
    }
}
