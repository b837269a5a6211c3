package io.jmill.elements.device;

import io.jmill.engine.args.Args;
import io.jmill.engine.args.IPPrefix;
import io.jmill.engine.element.ElementConfig;
import io.jmill.layout.PacketPool;

/**
 * How a tun/tap element sets up its interface, read from KernelTun/KernelTap's or FromHost's
 * arguments.
 *
 * @param tap      a tap (Ethernet) interface rather than tun (IP)
 * @param devName  the interface name; empty: the kernel's choice
 * @param netns    the network namespace to create it in; null: this one
 * @param address  {@code ADDR/LEN} to give it; null: leave it unconfigured
 * @param gateway  the default route's gateway; null: no route
 * @param mtu      the MTU; 0: the kernel's
 * @param ether    the tap interface's Ethernet address; null: the kernel's choice
 * @param burst    most packets read, and most written, per task run
 */
record TunSettings(boolean tap, String devName, String netns, String address, String gateway, int mtu, String ether,
                   int burst) {

    /** {@code KernelTun(ADDR/MASK [, GATEWAY, keywords ...])}, KernelTap's too. */
    static TunSettings kernelTun(ElementConfig c, boolean tapDefault) {
        Args args = c.args();
        String address = prefix(args.mandatoryPositional("ADDR"));
        String gateway = gateway(args.positional("GATEWAY"));
        boolean tap = args.keyword("TAP").bool(tapDefault);
        String devName = args.keyword("DEVNAME").string(args.keyword("DEV_NAME").string(""));
        return common(c, tap, devName, address, gateway);
    }

    /** {@code FromHost(DEVNAME [, DST, keywords GATEWAY, ...])}: always a tap interface. */
    static TunSettings fromHost(ElementConfig c) {
        Args args = c.args();
        String devName = args.mandatoryPositional("DEVNAME").string("");
        var dst = args.positional("DST");
        String address = dst.present() ? prefix(dst) : null;
        String gateway = gateway(args.keyword("GATEWAY"));
        if (args.keyword("DST6").present()) {
            args.error("DST6: IPv6 addresses are not supported; configure the interface with ip -6 addr");
        }
        if (devName.isEmpty()) {
            args.error("DEVNAME: expected an interface name");
        }
        return common(c, true, devName, address, gateway);
    }

    private static TunSettings common(ElementConfig c, boolean tap, String devName, String address, String gateway) {
        Args args = c.args();
        String netns = args.keyword("NETNS").string(null);
        int mtu = args.keyword("MTU").integer(0, 0, PacketPool.DATA_SIZE);
        var e = args.keyword("ETHER");
        String ether = e.present() ? io.jmill.driver.net.Addresses.macString(e.etherAddress(0)) : null;
        int burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        args.keyword("HEADROOM").integer(PacketPool.HEADROOM, 0, PacketPool.HEADROOM);
        args.keyword("IGNORE_QUEUE_OVERFLOWS").bool(false);
        if (devName.length() >= 16) {
            args.error("DEVNAME: at most 15 characters, got '" + devName + "'");
        }
        return new TunSettings(tap, devName, netns, address, gateway, mtu, ether, burst);
    }

    /** {@code ADDR/LEN} as written, {@code ADDR/32} for a bare address; null if it does not parse. */
    private static String prefix(io.jmill.engine.args.Arg addr) {
        IPPrefix prefix = addr.ipPrefix(null);
        if (prefix == null) {
            return null;
        }
        String raw = addr.raw().strip();
        return raw.contains("/") ? raw : raw + "/32";
    }

    private static String gateway(io.jmill.engine.args.Arg gw) {
        return gw.present() ? IPPrefix.addressToString(gw.ipAddress(0)) : null;
    }
}
