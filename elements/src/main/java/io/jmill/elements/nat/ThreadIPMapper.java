package io.jmill.elements.nat;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.CurrentWorker;

/**
 * Gives each worker thread a pattern of its own, for a NAT sharded by thread.
 *
 * <pre>ThreadIPMapper(PATTERN0, ..., PATTERNn)</pre>
 *
 * <p>An IPMapper: an IPRewriter, UDPRewriter or TCPRewriter input spec may name this element
 * instead of giving a pattern. Each PATTERN is {@code SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT}, as
 * after the word {@code pattern} in an input spec (or {@code PATNAME FOUTPUT ROUTPUT}). A new flow
 * is rewritten by the pattern of the worker thread that creates it: PATTERN0 on worker 0,
 * PATTERN1 on worker 1, and so on (worker {@code w} uses pattern {@code w mod n+1} if there are
 * fewer patterns than workers). With disjoint port ranges, and since the rewriters keep one table
 * per worker, each thread translates its own flows without sharing anything; the packets of the
 * reply ranges must then reach the thread owning the range (by how the NIC queues are steered,
 * for instance).
 *
 * <p>Ports: none.
 *
 * <p>Example:
 * <pre>
 * tmap :: ThreadIPMapper(1.0.0.1 1024-30000# - - 0 1, 1.0.0.1 30001-65535# - - 0 1);
 * rw :: UDPRewriter(tmap, drop);
 * </pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class ThreadIPMapper extends IPMapper {
    public ThreadIPMapper(ElementConfig c) {
        super(c);
    }

    @Override
    int choose() {
        return CurrentWorker.index() % inputs.kind.length;
    }

    @Override
    int attempts() {
        return 1;
    }
}
