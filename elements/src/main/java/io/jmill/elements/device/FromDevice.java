package io.jmill.elements.device;

import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.QueueStats;
import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afxdp.AfXdpDevice;
import io.jmill.driver.afxdp.TxKicks;
import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.PacketPool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads packets from a Linux network interface (user level: AF_PACKET, or AF_XDP).
 *
 * <pre>FromDevice(DEVNAME [, keywords SNIFFER, PROMISC, SNAPLEN, OUTBOUND, PROTOCOL, BURST, METHOD,
 *     QUEUE, N_QUEUES, MODEL, NETNS, XDP_MODE, COPY_MODE, NEED_WAKEUP, XDP_METADATA, PAINT_QUEUE,
 *     RING_SIZE, XDP_REPLACE])</pre>
 *
 * <p>Reads the frames the interface named DEVNAME receives, link-level header included, and pushes
 * up to BURST of them out of its output each time it runs.
 *
 * <p>METHOD LINUX (the default): frames come through a memory-mapped TPACKET_V3 ring of an
 * AF_PACKET socket, so receiving costs no system call. Like Click's user-level FromDevice it is a
 * sniffer: the kernel sees the frames too. Sets the packet type annotation (HOST, BROADCAST,
 * MULTICAST, OTHERHOST, OUTGOING) and the timestamp annotation from the kernel, the input device
 * annotation to the interface index, the VLAN TCI annotation for tagged frames (the kernel takes
 * the tag out of the frame; FromDevice puts it back, so the bytes are those on the wire) and the
 * RSS hash annotation to the kernel's flow hash. Needs CAP_NET_RAW. With N_QUEUES greater than 1,
 * the FromDevice elements naming DEVNAME with QUEUE 0 to N_QUEUES-1 each read one socket of a
 * PACKET_FANOUT group that spreads flows by hash, for one thread per queue.
 *
 * <p>METHOD AF_XDP: each queue of the interface gets an AF_XDP socket whose memory (the UMEM) is
 * JMill's packet memory, so the kernel writes each frame straight into a packet buffer (zero-copy
 * drivers: the NIC does). JMill generates an XDP program, loads it and attaches it to the
 * interface: frames of queues 0 to N_QUEUES-1 go to the sockets, not to the kernel's stack (the
 * element is no sniffer then); the program is detached when the router stops, and by the kernel if
 * the process dies. With MODEL xchange (the default) the program also parses the headers and writes
 * the packet's metadata in front of the frame, in the active metadata layout and only the fields
 * the configuration reads: length, MAC, network and transport header positions (IPv4, IPv6, after
 * one VLAN tag), packet type (from the destination address), input device and queue, timestamp,
 * VLAN TCI, a flow hash of the IPv4 addresses and TCP/UDP ports as RSS hash annotation, and with
 * PAINT_QUEUE the queue number as paint; when the layout or that field set changes the program is
 * regenerated and swapped in. With MODEL copying the worker computes the same from the frame.
 * Queue Q of the element is the interface's RX queue Q (its RSS queue on a NIC). Needs CAP_NET_ADMIN,
 * CAP_BPF (or CAP_SYS_ADMIN) and CAP_NET_RAW. See docs/drivers.md.
 *
 * <p>If the interface goes down or is deleted while the router runs (METHOD LINUX), FromDevice
 * says so once on standard error, naming the interface, and the {@code fault} handler keeps the
 * message; the router goes on running. Frames flow again when an interface that went down comes
 * back up. A deleted interface is gone for good: its socket stops polling the kernel and FromDevice
 * pushes nothing more (an interface made again under the same name needs a new router). ToDevice
 * drops and counts what it is sent from then on. Click's FromDevice prints the socket's error
 * ({@code recvfrom: Network is down}) and goes idle the same way.
 *
 * <p>Ports: no inputs, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code SNIFFER}: boolean. Only true (the default) is supported with METHOD LINUX: JMill does
 *     not install firewall rules to hide the frames from the kernel.</li>
 * <li>{@code PROMISC}: boolean. Put the interface in promiscuous mode while FromDevice runs.
 *     Default false. LINUX only.</li>
 * <li>{@code SNAPLEN}: integer, 64 to 2048. Longer frames are cut (and counted in
 *     {@code drops}). Default 2048. LINUX only.</li>
 * <li>{@code OUTBOUND}: boolean. Also emit frames the host sends on the interface. Default
 *     false. LINUX only.</li>
 * <li>{@code PROTOCOL}: integer. Only emit frames of this link-level protocol (ethertype); 0 for
 *     all. Default 0. LINUX only.</li>
 * <li>{@code BURST}: integer. Most packets pushed per run. Default: the router's batch size
 *     (Click's is 1).</li>
 * <li>{@code METHOD}: {@code LINUX} (AF_PACKET) or {@code AF_XDP}. Default LINUX. (Click's PCAP
 *     method is not supported.)</li>
 * <li>{@code QUEUE}, {@code N_QUEUES}: this element's queue and the number of queues (fanout
 *     sockets, or AF_XDP sockets on the interface's RX queues). Defaults 0 and one more than the
 *     highest QUEUE used.</li>
 * <li>{@code MODEL}: {@code copying}, {@code overlaying} (LINUX only) or {@code xchange}: how
 *     metadata reaches the packet (see FromNIC). Default xchange.</li>
 * <li>{@code NETNS}: the interface lives in this network namespace (as made by
 *     {@code ip netns add}). Needs CAP_SYS_ADMIN.</li>
 * <li>{@code XDP_MODE}: {@code auto}, {@code native} or {@code generic}: where the XDP program
 *     runs. auto tries the driver (native) and falls back to generic. AF_XDP only.</li>
 * <li>{@code COPY_MODE}: {@code auto}, {@code copy} or {@code zerocopy}. auto binds in zero-copy
 *     mode where the driver supports it, else in copy mode. AF_XDP only.</li>
 * <li>{@code NEED_WAKEUP}: boolean. Use the sockets' need-wakeup flag (system calls only when the
 *     kernel asks). Default true. AF_XDP only.</li>
 * <li>{@code XDP_METADATA}: boolean. With MODEL xchange, whether the XDP program writes the
 *     metadata (true, the default) or the worker does (for comparisons). AF_XDP only.</li>
 * <li>{@code PAINT_QUEUE}: boolean. Set the paint annotation to the queue number. Default false.
 *     AF_XDP only.</li>
 * <li>{@code RING_SIZE}: integer, a power of two from 64 to 16384: entries of each socket's RX
 *     and TX ring (buffers posted per queue). Default 2048. AF_XDP only.</li>
 * <li>{@code XDP_REPLACE}: boolean. If another XDP program is attached to the interface (by
 *     another tool, or left there by one that crashed), detach it and attach JMill's (true), or
 *     refuse to start, naming the program's id and how to detach it (false). A program that a
 *     running process holds through a BPF link is never taken over. Default false. AF_XDP only.</li>
 * </ul>
 * Elements naming the same DEVNAME (FromDevice and ToDevice alike with AF_XDP) must agree on its
 * device keywords.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets pushed out.</li>
 * <li>{@code bytes} (read): bytes pushed out.</li>
 * <li>{@code drops} (read): frames lost on this queue: no packet buffer was free, or cut by SNAPLEN.</li>
 * <li>{@code kernel_drops} (read): frames the kernel dropped because the rings were full (all
 *     queues).</li>
 * <li>{@code encap} (read): {@code ETHER}.</li>
 * <li>{@code model} (read), {@code stats} (read): the device's metadata model and counters.</li>
 * <li>{@code fault} (read): "" while the interface is up; else the message reported when it went
 *     down or was deleted.</li>
 * <li>{@code xdp_mode} (read): AF_XDP only: what the device got, such as {@code xdp native, copy,
 *     need-wakeup, metadata by the XDP program (x-change)}.</li>
 * <li>{@code reset_counts} (write): sets {@code count} and {@code bytes} to 0.</li>
 * </ul>
 *
 * <p>Examples:
 * <pre>FromDevice(eth0, PROMISC true) -&gt; Queue -&gt; ToDevice(eth1);
 * FromDevice(eth0, METHOD AF_XDP) -&gt; EtherMirror -&gt; ToDevice(eth0, METHOD AF_XDP);</pre>
 *
 * <p>See also: ToDevice, FromNIC.
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class FromDevice extends DeviceSource {
    private final String devname;
    private final int burst;
    private final String netns;
    private final Map<String, Object> settings;
    private final boolean xdp;

    public FromDevice(ElementConfig c) {
        var args = c.args();
        Map<String, Object> settings = new LinkedHashMap<>();
        String devname = args.mandatoryPositional("DEVNAME").string("");
        boolean sniffer = args.keyword("SNIFFER").bool(true);
        putIfGiven(settings, args.keyword("PROMISC"), "PROMISC", a -> a.bool(false));
        putIfGiven(settings, args.keyword("SNAPLEN"), "SNAPLEN", a -> a.integer(PacketPool.DATA_SIZE, 64, PacketPool.DATA_SIZE));
        putIfGiven(settings, args.keyword("OUTBOUND"), "OUTBOUND", a -> a.bool(false));
        putIfGiven(settings, args.keyword("PROTOCOL"), "PROTOCOL", a -> a.integer(0, 0, 0xFFFF));
        putIfGiven(settings, args.keyword("N_QUEUES"), "N_QUEUES", a -> a.integer(1, 1, Device.MAX_QUEUES));
        putIfGiven(settings, args.keyword("MODEL"), "MODEL", a -> a.choice(MetadataModel.class, MetadataModel.XCHANGE));
        String netns = args.keyword("NETNS").string(null);
        int burst = args.keyword("BURST").integer(c.batch(), 1, 1 << 16);
        int queue = args.keyword("QUEUE").integer(0, 0, Device.MAX_QUEUES - 1);
        boolean xdp = XdpKeywords.method(args, "FromDevice");
        XdpKeywords.read(args, xdp, settings);
        if (xdp) {
            for (String k : new String[] {"PROMISC", "SNAPLEN", "OUTBOUND", "PROTOCOL"}) {
                if (settings.containsKey(k)) {
                    args.error(k + " is not supported with METHOD AF_XDP");
                }
            }
            if (settings.get("MODEL") == MetadataModel.OVERLAYING) {
                args.error("MODEL overlaying is not supported with METHOD AF_XDP (copying or xchange)");
            }
        }
        if (!sniffer) {
            args.error("SNIFFER false is not supported: JMill does not install KernelFilter rules; drop the frames in "
                    + "the kernel yourself (iptables/nftables) if it should not see them");
        }
        if (devname.isEmpty()) {
            args.error("DEVNAME: missing interface name");
        }
        if (settings.get("N_QUEUES") instanceof Integer n && queue >= n) {
            args.error("QUEUE " + queue + " does not exist with N_QUEUES " + n);
        }
        super(c, queue, burst);
        this.devname = devname;
        this.burst = burst;
        this.settings = settings;
        this.netns = netns;
        this.xdp = xdp;
        DeviceTable.declare(this, xdp ? XdpKeywords.key(devname, netns)
                : "afrx:" + devname + (netns == null ? "" : "@" + netns), settings, queue, true);
    }

    private static void putIfGiven(Map<String, Object> settings, Arg a, String keyword, Function<Arg, Object> get) {
        if (a.present()) {
            settings.put(keyword, get.apply(a));
        }
    }

    @Override
    public void initialize() throws DeviceException {
        if (xdp) {
            opened(DeviceTable.acquire(host(), this, (users, merged, port) -> XdpKeywords.open(devname, netns, users, merged)));
            return;
        }
        opened(DeviceTable.acquire(host(), this, (users, merged, port) -> {
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
            AfPacketOptions.Builder o = AfPacketOptions.builder(devname).queues(queues).transmit(false).netns(netns)
                    .reporter(message -> System.err.println(name() + ": " + message));
            if (merged.get("PROMISC") instanceof Boolean b) {
                o.promiscuous(b);
            }
            if (merged.get("SNAPLEN") instanceof Integer n) {
                o.snaplen(n);
            }
            if (merged.get("OUTBOUND") instanceof Boolean b) {
                o.outbound(b);
            }
            if (merged.get("PROTOCOL") instanceof Integer p && p != 0) {
                o.protocol(p);
            }
            if (merged.get("MODEL") instanceof MetadataModel m) {
                o.model(m);
            }
            return AfPacketDevice.open(o.build());
        }));
    }

    @Override
    public void cleanup() {
        if (closed()) {
            DeviceTable.release(host(), this);
        }
    }

    @Override
    public int runTask() {
        if (xdp) {
            // Transmits on AF_XDP sockets during the burst ask the kernel to send once, at the end.
            TxKicks kicks = TxKicks.current();
            kicks.begin();
            int n = receiveAndPush((AfXdpDevice) device(), burst);
            kicks.end();
            return n;
        }
        return receiveAndPush((AfPacketDevice) device(), burst);
    }

    @Override
    public long drops() {
        QueueStats qs = stats();
        return qs == null ? 0 : qs.imissed() + qs.ierrors();
    }

    @Override
    public void addHandlers(Handlers h) {
        addCounterHandlers(h);
        h.readLong("kernel_drops", () -> device() instanceof AfPacketDevice d ? d.kernelDrops()
                : device() instanceof AfXdpDevice d ? d.kernelDrops() : 0);
        h.read("xdp_mode", () -> device() instanceof AfXdpDevice d ? d.mode() : "");
        h.read("encap", () -> "ETHER");
        h.read("fault", () -> device() == null ? "" : device().fault());
    }
}
