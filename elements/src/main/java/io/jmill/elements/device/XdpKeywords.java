package io.jmill.elements.device;

import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.afxdp.AfXdpDevice;
import io.jmill.driver.afxdp.AfXdpOptions;
import io.jmill.engine.args.Args;

import java.util.List;
import java.util.Map;

/**
 * FromDevice's and ToDevice's {@code METHOD AF_XDP}: the device keywords it adds, read into the
 * element's settings map, and the device opened from the merged settings of every element naming
 * the interface. Receiving and transmitting elements of one interface share its sockets (an
 * AF_XDP socket is bound to one queue, and one queue takes one socket).
 */
final class XdpKeywords {
    /** Keywords only METHOD AF_XDP takes. */
    static final List<String> ONLY_XDP = List.of("XDP_MODE", "COPY_MODE", "NEED_WAKEUP", "XDP_METADATA", "PAINT_QUEUE",
            "RING_SIZE", "XDP_REPLACE");

    private XdpKeywords() {
    }

    /** True for {@code AF_XDP}, false for {@code LINUX} (AF_PACKET); reports other values. */
    static boolean method(Args args, String elementClass) {
        String method = args.keyword("METHOD").string("LINUX");
        if (method.equalsIgnoreCase("AF_XDP") || method.equalsIgnoreCase("XDP")) {
            return true;
        }
        if (!method.equalsIgnoreCase("LINUX")) {
            args.error("METHOD: LINUX (AF_PACKET) or AF_XDP, not '" + method + "'");
        }
        return false;
    }

    /** Reads the AF_XDP keywords into {@code settings}; with {@code xdp} false, reports any given. */
    static void read(Args args, boolean xdp, Map<String, Object> settings) {
        for (String k : ONLY_XDP) {
            var a = args.keyword(k);
            if (!a.present()) {
                continue;
            }
            if (!xdp) {
                args.error(k + " needs METHOD AF_XDP");
                continue;
            }
            settings.put(k, switch (k) {
                case "XDP_MODE" -> a.choice(AfXdpOptions.XdpMode.class, AfXdpOptions.XdpMode.AUTO);
                case "COPY_MODE" -> a.choice(AfXdpOptions.Copy.class, AfXdpOptions.Copy.AUTO);
                case "RING_SIZE" -> a.integer(2048, 64, 16384);
                case "XDP_REPLACE" -> a.bool(false);
                default -> a.bool(true);
            });
        }
    }

    /** The device key of interface {@code devname} (in {@code netns}), shared by both directions. */
    static String key(String devname, String netns) {
        return "afxdp:" + devname + (netns == null ? "" : "@" + netns);
    }

    /** Opens the interface for {@code users} with the merged settings. */
    static Device open(String devname, String netns, List<DeviceTable.User> users, Map<String, Object> merged)
            throws DeviceException {
        int queues = 1;
        boolean receive = false;
        boolean transmit = false;
        for (DeviceTable.User u : users) {
            queues = Math.max(queues, u.queue() + 1);
            receive |= u.receives();
            transmit |= !u.receives();
        }
        if (merged.get("N_QUEUES") instanceof Integer n) {
            if (n < queues) {
                throw new DeviceException("'" + devname + "' has N_QUEUES " + n + " but queue " + (queues - 1) + " is used");
            }
            queues = n;
        }
        AfXdpOptions.Builder o = AfXdpOptions.builder(devname).queues(queues).receive(receive).transmit(transmit)
                .netns(netns);
        if (merged.get("MODEL") instanceof MetadataModel m) {
            o.model(m);
        }
        if (merged.get("XDP_MODE") instanceof AfXdpOptions.XdpMode m) {
            o.xdpMode(m);
        }
        if (merged.get("COPY_MODE") instanceof AfXdpOptions.Copy c) {
            o.copy(c);
        }
        if (merged.get("NEED_WAKEUP") instanceof Boolean b) {
            o.needWakeup(b);
        }
        if (merged.get("XDP_METADATA") instanceof Boolean b) {
            o.xdpMetadata(b);
        }
        if (merged.get("PAINT_QUEUE") instanceof Boolean b) {
            o.paintQueue(b);
        }
        if (merged.get("XDP_REPLACE") instanceof Boolean b) {
            o.replaceProgram(b);
        }
        if (merged.get("RING_SIZE") instanceof Integer n) {
            o.ringSize(n);
        }
        return AfXdpDevice.open(o.build());
    }
}
