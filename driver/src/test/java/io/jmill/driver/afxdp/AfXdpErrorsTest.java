package io.jmill.driver.afxdp;

import io.jmill.driver.DeviceException;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.afpacket.Capabilities;
import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afpacket.VethLab;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening errors name the call, the errno and what to do. */
class AfXdpErrorsTest {
    @Test
    void badSettings() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> AfXdpDevice.open(AfXdpOptions.builder("jmnosuch0").build()));
        assertEquals("no such interface 'jmnosuch0'", e.getMessage());
        e = assertThrows(DeviceException.class, () -> AfXdpDevice.open(AfXdpOptions.builder("lo").ringSize(1000).build()));
        assertEquals("bad ring size 1000 for lo: must be a power of two from 64 to 16384", e.getMessage());
        e = assertThrows(DeviceException.class, () -> AfXdpDevice.open(AfXdpOptions.builder("lo").queues(0).build()));
        assertEquals("bad queue count 0 for lo: must be between 1 and 64", e.getMessage());
        e = assertThrows(DeviceException.class,
                () -> AfXdpDevice.open(AfXdpOptions.builder("lo").model(MetadataModel.OVERLAYING).build()));
        assertEquals("AF_XDP on lo: model overlaying is not offered (use copying or xchange)", e.getMessage());
    }

    /** Capabilities are per thread: this thread gives up CAP_BPF, CAP_SYS_ADMIN and CAP_NET_ADMIN. */
    @Test
    void withoutTheBpfCapabilities() throws Exception {
        int inUse = PacketPool.inUse();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            for (int cap : new int[] {Capabilities.CAP_BPF, Capabilities.CAP_SYS_ADMIN, Capabilities.CAP_NET_ADMIN}) {
                if (!Capabilities.dropEffective(cap)) {
                    outcome.set(new IllegalStateException("capset failed"));
                    return;
                }
            }
            try {
                AfXdpDevice.open(AfXdpOptions.builder("lo").build()).close();
                outcome.set(new AssertionError("opened without CAP_BPF"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();
        Throwable e = outcome.get();
        assertTrue(e instanceof DeviceException, String.valueOf(e));
        assertEquals("AF_XDP on lo: BPF_MAP_CREATE (jmill_xsks) failed: Operation not permitted (errno 1): run as root"
                + " or grant CAP_BPF and CAP_NET_ADMIN (CAP_SYS_ADMIN on kernels before 5.8)", e.getMessage());
        assertEquals(inUse, PacketPool.inUse());
    }

    @Test
    void aQueueTakesOneSocket() throws Exception {
        try (VethLab lab = VethLab.create()) {
            XdpSupport.assumeKernelHasIt();
            int inUse = PacketPool.inUse();
            try (AfXdpDevice first = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build())) {
                DeviceException e = assertThrows(DeviceException.class,
                        () -> AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build()));
                assertEquals("AF_XDP on " + lab.vB + ": bind() to queue 0 failed: Device or resource busy (errno 16):"
                        + " another AF_XDP socket is bound to this queue", e.getMessage());
                assertTrue(first.programId() > 0);
            }
            assertEquals(inUse, PacketPool.inUse(), "the failed open gave its buffers back");
            // An XDP program someone else holds through a BPF link stays; opening says which it is
            // and how to remove it, and XDP_REPLACE does not take it over.
            try (XdpAttachment other = new XdpAttachment(lab.vB, 1)) {
                other.attach(XdpProgram.redirectOnly(other.xskMap()), AfXdpDevice.interfaceIndex(lab.vB),
                        AfXdpOptions.XdpMode.AUTO, false);
                int id = other.programId();
                DeviceException e = assertThrows(DeviceException.class,
                        () -> AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build()));
                assertEquals("AF_XDP on " + lab.vB + ": attaching the XDP program: BPF_LINK_CREATE (XDP) failed: Device or"
                        + " resource busy (errno 16) (XDP program " + id + " (native) is attached to " + lab.vB
                        + "; detach it with 'ip link set dev " + lab.vB + " xdp off', or have JMill replace it with"
                        + " XDP_REPLACE true)", e.getMessage());
                e = assertThrows(DeviceException.class, () -> AfXdpDevice.open(AfXdpOptions.builder(lab.vB)
                        .transmit(false).replaceProgram(true).build()));
                assertEquals("AF_XDP on " + lab.vB + ": replacing XDP program " + id + " (native): RTM_SETLINK (IFLA_XDP)"
                        + " failed: Device or resource busy (errno 16) (the kernel says: Can't replace active BPF XDP link):"
                        + " a running process holds it through a BPF link; stop that process", e.getMessage());
                assertEquals(id, XdpNetlink.query(AfXdpDevice.interfaceIndex(lab.vB)).programId(), "still attached");
            }
            assertEquals(inUse, PacketPool.inUse(), "the failed open gave its buffers back");
            DeviceException e = assertThrows(DeviceException.class,
                    () -> AfXdpDevice.open(AfXdpOptions.builder(lab.vB).copy(AfXdpOptions.Copy.ZEROCOPY).build()));
            assertTrue(e.getMessage().startsWith("AF_XDP on " + lab.vB + ": bind() in zero-copy mode to queue 0 failed: "),
                    e.getMessage());
        }
    }

    /**
     * A program attached the classic way (rtnetlink, as {@code ip link set dev X xdp obj ...} does)
     * outlives the process that attached it. By default JMill refuses to start and names it; with
     * XDP_REPLACE it detaches it, attaches its own, receives, and leaves nothing attached on close.
     */
    @Test
    void aProgramLeftAttachedIsReplacedOnlyWhenAsked() throws Exception {
        try (VethLab lab = VethLab.create()) {
            XdpSupport.assumeKernelHasIt();
            int ifindex = AfXdpDevice.interfaceIndex(lab.vB);
            int inUse = PacketPool.inUse();
            int foreign;
            try (XdpAttachment leftover = new XdpAttachment(lab.vB, 1)) {
                int fd = Bpf.loadXdp(XdpProgram.redirectOnly(leftover.xskMap()).instructions(), "leftover", "GPL");
                XdpNetlink.set(ifindex, fd, XdpNetlink.FLAGS_DRV_MODE);
                foreign = Bpf.programId(fd);
                closeFd(fd);
            }
            XdpNetlink.Found found = XdpNetlink.query(ifindex);
            assertEquals(new XdpNetlink.Found(XdpNetlink.ATTACHED_DRV, foreign), found, "attached without an owner");
            assertTrue(VethLab.linkShow(null, lab.vB).contains("prog/xdp id " + foreign), VethLab.linkShow(null, lab.vB));

            DeviceException e = assertThrows(DeviceException.class,
                    () -> AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build()));
            assertTrue(e.getMessage().endsWith("(XDP program " + foreign + " (native) is attached to " + lab.vB
                    + "; detach it with 'ip link set dev " + lab.vB + " xdp off', or have JMill replace it with"
                    + " XDP_REPLACE true)"), e.getMessage());
            assertEquals(foreign, XdpNetlink.query(ifindex).programId(), "refusing leaves it alone");
            assertEquals(inUse, PacketPool.inUse(), "the failed open gave its buffers back");

            try (AfXdpDevice d = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).replaceProgram(true).build());
                 AfPacketDevice tx = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build())) {
                assertTrue(d.mode().endsWith(", replaced XDP program " + foreign + " (native)"), d.mode());
                int ours = d.programId();
                assertNotEquals(foreign, ours);
                assertEquals(new XdpNetlink.Found(XdpNetlink.ATTACHED_DRV, ours), XdpNetlink.query(ifindex));
                List<byte[]> frames = XdpFrames.mixed(20, d.macAddress());
                AfXdpDeviceTest.send(tx, frames);
                List<Packet> got = AfXdpDeviceTest.receive(d, 0, frames.size());
                assertEquals(frames.size(), got.size(), "frames reach JMill's sockets");
                AfXdpDeviceTest.killAll(got);
            }
            assertEquals(XdpNetlink.ATTACHED_NONE, XdpNetlink.query(ifindex).attached(), "nothing stays attached");
            assertEquals(inUse, PacketPool.inUse(), "packets leaked");
        }
    }

    private static void closeFd(int fd) {
        try (var a = java.lang.foreign.Arena.ofConfined()) {
            int ignored = (int) io.jmill.driver.afpacket.Linux.CLOSE.invokeExact(io.jmill.driver.afpacket.Linux.newErrnoState(a), fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
