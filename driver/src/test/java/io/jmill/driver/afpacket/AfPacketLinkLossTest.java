package io.jmill.driver.afpacket;

import io.jmill.driver.MetadataModel;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interface that goes down or is deleted under an open AF_PACKET device: reported once with its
 * name, no exception, no busy system calls afterwards, every buffer back in the pool. Each test has
 * its own veth pair ({@code a} in namespace A, {@code b} here). Needs root.
 */
class AfPacketLinkLossTest {
    private static VethLab lab;

    @BeforeAll
    static void buildLab() {
        lab = VethLab.create();
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static void ip(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", args) + ": " + out);
    }

    /** Polls queue 0 of {@code dev} for {@code millis} ms (as a task would, with waits in between); returns frames received. */
    private static int pollFor(AfPacketDevice dev, long millis) {
        return pollUntil(dev, null, millis);
    }

    /**
     * Polls queue 0 of {@code dev} until {@code reports} has one (null: never), at most
     * {@code millis} ms (a loaded machine may take a while); returns frames received.
     */
    private static int pollUntil(AfPacketDevice dev, List<String> reports, long millis) {
        PacketBatch batch = new PacketBatch(32);
        int got = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end && (reports == null || reports.isEmpty())) {
            dev.awaitReceive(0, 5);
            batch.clear();
            got += dev.receive(0, batch, 32);
            batch.killAll();
        }
        return got;
    }

    /** Receives up to {@code n} of the test's frames, frees them and says how many came. */
    private static int receiveAndFree(AfPacketDevice dev, int n) {
        List<Packet> got = AfPacketDeviceTest.receive(dev, 0, n);
        got.forEach(Packet::kill);
        return got.size();
    }

    private static void send(AfPacketDevice dev, int n) {
        for (byte[] f : AfPacketDeviceTest.frames(n)) {
            dev.transmit(0, PacketPool.alloc(f));
        }
    }

    @Test
    void aDeletedInterfaceIsReportedOnceAndItsQueuesGoQuiet() throws Exception {
        String a = "jmla" + lab.vB.substring(3);
        String b = "jmlb" + lab.vB.substring(3);
        lab.addPair(a, b, 1);
        int inUse = PacketPool.inUse();
        List<String> rxReports = new CopyOnWriteArrayList<>();
        List<String> txReports = new CopyOnWriteArrayList<>();
        try (AfPacketDevice sender = AfPacketDevice.open(AfPacketOptions.builder(a).netns(lab.nsA).receive(false)
                     .model(MetadataModel.COPYING).reporter(txReports::add).build());
             AfPacketDevice receiver = AfPacketDevice.open(AfPacketOptions.builder(b).transmit(false)
                     .reporter(rxReports::add).build())) {
            send(sender, 20);
            assertEquals(20, receiveAndFree(receiver, 20));
            assertEquals("", receiver.fault());

            ip("ip", "link", "del", b); // takes its peer a with it

            assertEquals(0, pollUntil(receiver, rxReports, 10_000));
            assertEquals(0, pollFor(receiver, 200));
            assertEquals(1, rxReports.size(), rxReports.toString());
            String report = rxReports.getFirst();
            assertTrue(report.startsWith("AF_PACKET " + b + ": the interface was deleted"), report);
            assertTrue(report.contains("receive stopped"), report);
            assertEquals(report, receiver.fault());

            send(sender, 10);
            assertEquals(10, sender.stats(0).txDrops());
            assertEquals(1, txReports.size(), txReports.toString());
            assertTrue(txReports.getFirst().startsWith("AF_PACKET " + a + ": the interface was deleted"), txReports.toString());
            assertTrue(txReports.getFirst().contains("transmit stopped"), txReports.toString());

            // More polling and sending say nothing more.
            assertEquals(0, pollFor(receiver, 100));
            send(sender, 10);
            assertEquals(20, sender.stats(0).txDrops());
            assertEquals(1, rxReports.size());
            assertEquals(1, txReports.size());
            assertFalse(receiver.awaitReceive(0, 1000), "a deleted interface's queue does not wait on the kernel");
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }

    @Test
    void anInterfaceThatGoesDownIsReportedAndWorksAgainWhenUp() throws Exception {
        String a = "jmma" + lab.vB.substring(3);
        String b = "jmmb" + lab.vB.substring(3);
        lab.addPair(a, b, 1);
        int inUse = PacketPool.inUse();
        List<String> reports = new CopyOnWriteArrayList<>();
        try (AfPacketDevice sender = AfPacketDevice.open(AfPacketOptions.builder(a).netns(lab.nsA).receive(false).build());
             AfPacketDevice receiver = AfPacketDevice.open(AfPacketOptions.builder(b).transmit(false)
                     .reporter(reports::add).build())) {
            ip("ip", "link", "set", b, "down");
            assertEquals(0, pollUntil(receiver, reports, 10_000));
            assertEquals(0, pollFor(receiver, 200));
            assertEquals(1, reports.size(), reports.toString());
            assertTrue(reports.getFirst().startsWith("AF_PACKET " + b + ": the interface went down"), reports.toString());
            assertEquals(reports.getFirst(), receiver.fault());

            ip("ip", "link", "set", b, "up");
            send(sender, 20);
            assertEquals(20, receiveAndFree(receiver, 20));
            assertEquals("", receiver.fault(), "frames again: the fault is over");
            assertEquals(1, reports.size(), reports.toString());
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }
}
