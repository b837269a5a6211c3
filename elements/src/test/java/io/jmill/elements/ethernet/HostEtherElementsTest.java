package io.jmill.elements.ethernet;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** HostEtherFilter, EnsureEther, StoreEtherAddress, CheckARPHeader, ARPPrint, ARPFaker. */
class HostEtherElementsTest {
    private static final String ME = "02:00:00:00:00:01";

    private static byte[] frameTo(String dstMac, String srcMac) {
        return FrameBuilder.udp().dstMac(dstMac).srcMac(srcMac).src("10.0.0.1", 1).dst("10.0.0.2", 2).frameLength(60).build();
    }

    /** An Ethernet ARP request from 10.0.0.9 (02:00:00:00:00:09) for 10.1.2.3, 42 bytes. */
    private static byte[] arpRequest() {
        return HexFormat.of().parseHex("ffffffffffff020000000009080600010800060400010200000000090a000009000000000000"
                + "0a010203");
    }

    @Test
    void hostEtherFilterClassifiesAndDrops() throws Exception {
        try (Harness h = Harness.element("HostEtherFilter(" + ME + ", true)", 1, 2)) {
            h.push(0, frameTo(ME, "02:00:00:00:00:09"));
            h.push(0, frameTo("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:09"));
            h.push(0, frameTo("01:00:5e:00:00:01", "02:00:00:00:00:09"));
            h.push(0, frameTo("02:00:00:00:00:07", "02:00:00:00:00:09"));
            h.push(0, frameTo(ME, ME));
            assertEquals(3, h.count(0));
            assertEquals(Packet.HOST, h.output(0).get(0).packetType());
            assertEquals(Packet.BROADCAST, h.output(0).get(1).packetType());
            assertEquals(Packet.MULTICAST, h.output(0).get(2).packetType());
            assertEquals(Packet.OTHERHOST, h.output(1).get(0).packetType());
            assertEquals(2, h.count(1), "other host, and our own frame with DROP_OWN");
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void ensureEtherAddsAHeaderOnlyWhereMissing() throws Exception {
        try (Harness h = Harness.element("EnsureEther(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02)")) {
            byte[] frame = frameTo(ME, "02:00:00:00:00:09");
            Packet withHeader = Harness.packet(frame);
            withHeader.setNetworkHeader(14, 20);
            h.push(0, withHeader);
            byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
            Packet bare = Harness.packet(ip);
            bare.setNetworkHeader(0, 20);
            h.push(0, bare);
            assertArrayEquals(frame, h.outputBytes(0).get(0), "already there: unchanged");
            byte[] out = h.outputBytes(0).get(1);
            assertEquals("020000000002" + "020000000001" + "0800", HexFormat.of().formatHex(out, 0, 14));
            assertArrayEquals(ip, Arrays.copyOfRange(out, 14, out.length));
        }
    }

    @Test
    void storeEtherAddressWritesAtItsOffset() throws Exception {
        try (Harness h = Harness.element("StoreEtherAddress(0a:0b:0c:0d:0e:0f, src)")) {
            h.push(0, frameTo(ME, "02:00:00:00:00:09"));
            h.push(0, new byte[8]);
            assertEquals("0a0b0c0d0e0f", HexFormat.of().formatHex(h.outputBytes(0).getFirst(), 6, 12));
            assertEquals("1", h.read("drops"), "too short");
        }
    }

    @Test
    void checkARPHeaderAndARPPrint() throws Exception {
        try (Harness h = Harness.element("CheckARPHeader(14)", 1, 2)) {
            h.push(0, arpRequest());
            h.push(0, Arrays.copyOf(arpRequest(), 30));
            assertEquals(1, h.count(0));
            assertEquals(14, h.output(0).getFirst().networkHeaderOffset());
            assertEquals(1, h.count(1));
        }
        try (Harness h = Harness.element("ARPPrint(in, TIMESTAMP false)")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ((ARPPrint) h.element()).setStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            h.push(0, arpRequest());
            h.push(0, new byte[20]);
            assertEquals("in: arp who-has 10.1.2.3 tell 10.0.0.9\nin: truncated-arp (6)\n", bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void arpFakerSendsARepliesPeriodically() throws Exception {
        try (Harness h = Harness.element("ARPFaker(10.0.0.2, 02:00:00:00:00:02, 10.0.0.1, " + ME + ")")) {
            long[] now = {5_000_000_000L};
            ((ARPFaker) h.element()).period().useClock(() -> now[0]);
            assertEquals(1, h.runTask("e"));
            assertEquals(0, h.runTask("e"));
            now[0] += 10_000_000_000L;
            assertEquals(1, h.runTask("e"));
            assertEquals("020000000002" + "020000000001" + "0806" + "0001080006040002" + "020000000001" + "0a000001"
                    + "020000000002" + "0a000002", HexFormat.of().formatHex(h.outputBytes(0).getFirst()));
        }
    }
}
