package io.jmill.elements.device;

import io.jmill.driver.DeviceException;
import io.jmill.driver.tun.TunDevice;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;

/**
 * What KernelTun and KernelTap share: a task that reads what the kernel sends to a tun/tap
 * interface and pushes it out, and writes what it pulls from its input to the interface.
 */
abstract class KernelTunBase extends Element implements Task, DropCounter {
    private final TunSettings settings;
    private final State state = new State();

    static final class State {
        volatile TunDevice device;
        /** A packet allocated for a read that found nothing, kept for the next. */
        Packet spare;
        long packetsIn;
        long packetsOut;
        long drops;
        long errors;
    }

    KernelTunBase(ElementConfig c, boolean tapDefault) {
        this(c, TunSettings.kernelTun(c, tapDefault));
    }

    KernelTunBase(ElementConfig c, TunSettings settings) {
        super(c);
        this.settings = settings;
    }

    /** The interface once the element is initialized (null before, and if opening it failed). */
    final TunDevice device() {
        return state.device;
    }

    /** The DEVNAME configured (empty: the kernel's choice). */
    final String configuredName() {
        return settings.devName();
    }

    @Override
    public void initialize() throws DeviceException {
        TunSettings t = settings;
        TunDevice d = TunDevice.open(t.devName(), t.tap(), t.netns());
        try {
            d.configure(t.address(), t.gateway(), t.mtu(), t.ether());
        } catch (DeviceException e) {
            d.close();
            throw e;
        }
        state.device = d;
    }

    @Override
    public int runTask() {
        State s = state;
        TunDevice d = s.device;
        int moved = 0;
        int burst = settings.burst();
        while (moved < burst) {
            Packet p = s.spare;
            if (p == null) {
                p = PacketPool.alloc();
                if (p == null) {
                    s.drops++;
                    break;
                }
                p.setLength(0);
            }
            long n = d.read(PacketMemory.ADDRESS + p.dataAddress(), p.tailroom());
            if (n < 0) {
                s.spare = p;
                if (n < -1) {
                    s.errors++;
                }
                break;
            }
            s.spare = null;
            p.setLength((int) n);
            annotate(p);
            s.packetsIn++;
            moved++;
            output(0, p);
        }
        if (ninputs() > 0) {
            Packet p;
            int sent = 0;
            while (sent < burst && (p = input(0)) != null) {
                sent++;
                if (d.write(PacketMemory.ADDRESS + p.dataAddress(), p.length())) {
                    s.packetsOut++;
                } else {
                    s.errors++;
                }
                p.kill();
            }
            moved += sent;
        }
        return moved;
    }

    /** TUN: the IP header annotations; TAP: the MAC header. */
    private void annotate(Packet p) {
        if (settings.tap()) {
            p.setMacHeader(0);
        } else if (p.length() >= 20 && (p.u8(0) >> 4) == 4) {
            p.setNetworkHeader(0, (p.u8(0) & 0xF) << 2);
            p.setDstIpAnno(p.u32(16));
        }
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void cleanup() {
        State s = state;
        if (s.spare != null) {
            s.spare.kill();
            s.spare = null;
        }
        TunDevice d = s.device;
        if (d != null) {
            d.close();
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("dev_name", () -> s.device == null ? settings.devName() : s.device.name());
        h.readLong("packets_in", () -> s.packetsIn);
        h.readLong("packets_out", () -> s.packetsOut);
        h.readLong("drops", () -> s.drops);
        h.readLong("errors", () -> s.errors);
    }
}
