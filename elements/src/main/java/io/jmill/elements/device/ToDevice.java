package io.jmill.elements.device;

import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afxdp.TxKicks;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends packets out of a Linux network interface (user level: AF_PACKET, or AF_XDP).
 *
 * <pre>ToDevice(DEVNAME [, keywords BURST, METHOD, QUEUE, N_QUEUES, MODEL, NETNS, and with METHOD
 *     AF_XDP the device keywords of FromDevice])</pre>
 *
 * <p>Sends every packet it receives out of the interface named DEVNAME. Packets must start with
 * their link-level header. Needs CAP_NET_RAW.
 *
 * <p>METHOD LINUX (the default): through an AF_PACKET socket, one {@code send} per packet. When
 * the socket's send buffer is full ToDevice waits up to about 100 ms for room, then drops the
 * packet and counts it.
 *
 * <p>METHOD AF_XDP: through the AF_XDP socket of queue QUEUE of the interface (shared with a
 * FromDevice of the same interface and queue). The packet is not copied by JMill: its buffer goes
 * into the socket's TX ring and comes back, once sent, to the sending thread's exchange list
 * (MODEL xchange) or to the pool. In copy mode the kernel sends when asked with a system call;
 * packets pushed while a FromDevice with METHOD AF_XDP handles a burst on the same thread are sent
 * with one call at the end of the burst, other packets with one call each. A packet that finds the
 * TX ring full is dropped and counted.
 *
 * <p>Ports: one input, agnostic; no outputs. With a push input each packet is sent as it arrives;
 * with a pull input ToDevice is a task that pulls up to BURST packets per run. (Click's ToDevice
 * pulls only, and can push sent and failed packets to two optional outputs; JMill's frees them.)
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code BURST}: integer. Most packets pulled per run. Default: the router's batch size.</li>
 * <li>{@code METHOD}: {@code LINUX} (AF_PACKET) or {@code AF_XDP}. Default LINUX.</li>
 * <li>{@code QUEUE}, {@code N_QUEUES}: this element's socket and the number of sockets, for one
 *     sending thread per queue. Defaults 0 and one more than the highest QUEUE used.</li>
 * <li>{@code MODEL}: metadata model, as for FromDevice; in {@code xchange} sent buffers go to the
 *     thread's exchange list instead of the pool. Default xchange.</li>
 * <li>{@code NETNS}: the interface lives in this network namespace.</li>
 * </ul>
 *
 * <p>Handlers: {@code count}, {@code bytes} (read): packets and bytes sent; {@code drops} (read):
 * packets that could not be sent; {@code model}, {@code stats} (read); {@code fault} (read): ""
 * while the interface is up, else what was reported when it went down or was deleted (see
 * FromDevice); {@code reset_counts} (write).
 *
 * <p>Examples:
 * <pre>FromDevice(eth0) -&gt; ToDevice(eth1);
 * FromDevice(eth0, METHOD AF_XDP) -&gt; ToDevice(eth1, METHOD AF_XDP);</pre>
 *
 * <p>See also: FromDevice, ToNIC.
 */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class ToDevice extends Element implements Task, DropCounter {
    private final String devname;
    private final int queue;
    private final int burst;
    private final String netns;
    private final boolean xdp;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final State state = new State();

    private static final class State {
        Device device;
        long count;
        long bytes;
        long drops;
    }

    public ToDevice(ElementConfig c) {
        super(c);
        var args = c.args();
        devname = args.mandatoryPositional("DEVNAME").string("");
        burst = args.keyword("BURST").integer(c.batch(), 1, 1 << 16);
        queue = args.keyword("QUEUE").integer(0, 0, Device.MAX_QUEUES - 1);
        var nq = args.keyword("N_QUEUES");
        if (nq.present()) {
            settings.put("N_QUEUES", nq.integer(1, 1, Device.MAX_QUEUES));
        }
        var model = args.keyword("MODEL");
        if (model.present()) {
            settings.put("MODEL", model.choice(MetadataModel.class, MetadataModel.XCHANGE));
        }
        netns = args.keyword("NETNS").string(null);
        xdp = XdpKeywords.method(args, "ToDevice");
        XdpKeywords.read(args, xdp, settings);
        // Click's ToDevice takes these; they change nothing here.
        args.keyword("DEBUG").bool(false);
        args.keyword("QUIET").bool(false);
        if (xdp && settings.get("MODEL") == MetadataModel.OVERLAYING) {
            args.error("MODEL overlaying is not supported with METHOD AF_XDP (copying or xchange)");
        }
        if (devname.isEmpty()) {
            args.error("DEVNAME: missing interface name");
        }
        if (settings.get("N_QUEUES") instanceof Integer n && queue >= n) {
            args.error("QUEUE " + queue + " does not exist with N_QUEUES " + n);
        }
        DeviceTable.declare(this, xdp ? XdpKeywords.key(devname, netns)
                : "aftx:" + devname + (netns == null ? "" : "@" + netns), settings, queue, false);
    }

    @Override
    public void initialize() throws DeviceException {
        if (xdp) {
            state.device = DeviceTable.acquire(host(), this,
                    (users, merged, port) -> XdpKeywords.open(devname, netns, users, merged));
            return;
        }
        state.device = DeviceTable.acquire(host(), this, (users, merged, port) -> {
            int queues = 1;
            for (DeviceTable.User u : users) {
                queues = Math.max(queues, u.queue() + 1);
            }
            if (merged.get("N_QUEUES") instanceof Integer n) {
                if (n < queues) {
                    throw new DeviceException("'" + devname + "' has N_QUEUES " + n + " but queue " + (queues - 1) + " is used");
                }
                queues = n;
            }
            AfPacketOptions.Builder o = AfPacketOptions.builder(devname).queues(queues).receive(false).netns(netns)
                    .reporter(message -> System.err.println(name() + ": " + message));
            if (merged.get("MODEL") instanceof MetadataModel m) {
                o.model(m);
            }
            return AfPacketDevice.open(o.build());
        });
    }

    @Override
    public void cleanup() {
        if (state.device != null) {
            state.device = null;
            DeviceTable.release(host(), this);
        }
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int len = p.length();
        if (s.device.transmit(queue, p)) {
            s.count++;
            s.bytes += len;
        } else {
            s.drops++;
        }
    }

    @Override
    public int runTask() {
        if (inputIsPush(0)) {
            return DONE;
        }
        TxKicks kicks = xdp ? TxKicks.current() : null;
        if (kicks != null) {
            kicks.begin(); // one send request for the burst
        }
        int n = 0;
        Packet p;
        while (n < burst && (p = input(0)) != null) {
            push(0, p);
            n++;
        }
        if (kicks != null) {
            kicks.end();
        }
        return n;
    }





    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("bytes", () -> s.bytes);
        h.readLong("drops", () -> s.drops);
        h.read("model", () -> s.device == null ? "" : s.device.model().word());
        h.read("stats", () -> s.device == null ? "" : s.device.describe());
        h.read("fault", () -> s.device == null ? "" : s.device.fault());
        h.write("reset_counts", v -> {
            s.count = 0;
            s.bytes = 0;
            s.drops = 0;
        });
    }
}
