package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Test sink like {@link Record}, that also records the annotations elements set and that do not
 * depend on the clock: destination IP, VLAN TCI, network and transport header offsets, fix-IP-src,
 * flow id and packet type. A separate class, so that {@link Record}'s metadata reads stay as the
 * X-Change tests expect them.
 */
@ElementInfo(ports = "1/0", processing = "h/h")
public final class RecordAll extends Recorder {
    public RecordAll(ElementConfig c) {
        super(c);
    }

    @Override
    protected void annotations(Packet p, StringBuilder sb) {
        sb.append(" dst=").append(Integer.toHexString(p.dstIpAnno())).append(" vlan=").append(p.vlanTci())
                .append(" nh=").append(p.hasNetworkHeader() ? p.networkHeaderOffset() : -1)
                .append(" th=").append(p.hasTransportHeader() ? p.transportHeaderOffset() : -1)
                .append(" fix=").append(p.fixIpSrc()).append(" flow=").append(p.flowId())
                .append(" type=").append(p.packetType());
    }
}
