package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * Test sink like {@link Record}, that also records the annotations elements set and that do not
 * depend on the clock: destination IP, VLAN TCI, network and transport header offsets, fix-IP-src,
 * flow id and packet type. A separate class, so that {@link Record}'s metadata reads stay as the
 * X-Change tests expect them.
 */
@ElementInfo(ports = "1/0", processing = "h/h")
public final class RecordAll extends Element {
    private final List<String> log = new ArrayList<>();

    public RecordAll(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        StringBuilder sb = new StringBuilder().append(p.paint()).append(':');
        for (byte x : p.toByteArray()) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        sb.append(" dst=").append(Integer.toHexString(p.dstIpAnno())).append(" vlan=").append(p.vlanTci())
                .append(" nh=").append(p.hasNetworkHeader() ? p.networkHeaderOffset() : -1)
                .append(" th=").append(p.hasTransportHeader() ? p.transportHeaderOffset() : -1)
                .append(" fix=").append(p.fixIpSrc()).append(" flow=").append(p.flowId())
                .append(" type=").append(p.packetType());
        synchronized (log) {
            log.add(sb.toString());
        }
        p.kill();
    }

    /** One entry per packet received. */
    public List<String> recorded() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> {
            synchronized (log) {
                return log.size();
            }
        });
    }
}
