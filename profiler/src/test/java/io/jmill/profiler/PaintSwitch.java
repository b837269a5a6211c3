package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.runtime.BranchProfile;
import io.jmill.layout.Packet;

/** Test classifier: packets painted 1 go to output 0, the rest to output 1; counts both rules. */
@ElementInfo(ports = "1/2", processing = "h/h")
public final class PaintSwitch extends Element implements BranchProfile {
    private final long[] hits = new long[2];

    public PaintSwitch(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        int rule = p.paint() == 1 ? 0 : 1;
        hits[rule]++;
        output(rule, p);
    }

    @Override
    public String[] branchNames() {
        return new String[] {"paint 1", "-"};
    }

    @Override
    public long[] branchHits() {
        return hits.clone();
    }
}
