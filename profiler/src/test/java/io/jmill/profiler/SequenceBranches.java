package io.jmill.profiler;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Test element whose metadata accesses depend on the data: with k = sequence mod 4 it reads the
 * sequence once, writes paint if k == 0, reads the RSS hash if k >= 2 and writes the flow id k
 * times. Over packets numbered 0..n-1 (n a multiple of 4): n sequence reads, n/4 paint writes,
 * n/2 rss_hash reads, 1.5 n flow_id writes — where the static sites say n of each.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SequenceBranches extends SimpleElement {
    private final long[] sum = new long[1];

    public SequenceBranches(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int k = p.sequence() & 3;
        if (k == 0) {
            p.setPaint(7);
        }
        if (k >= 2) {
            sum[0] += p.rssHash();
        }
        for (int i = 0; i < k; i++) {
            p.setFlowId(i);
        }
        return p;
    }
}
