package io.jmill.elements.standard;

import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeeTest {

    @Test
    void copiesGoToTheFirstOutputsAndTheOriginalToTheLast() throws Exception {
        try (Harness h = Harness.element("Tee", 1, 3)) {
            Packet p = Harness.packet(seq(60));
            p.setPaint(9);
            p.setTimestampNanos(12345);
            h.push(0, p);
            for (int i = 0; i < 3; i++) {
                assertEquals(1, h.count(i));
                assertArrayEquals(seq(60), h.outputBytes(i).get(0));
                assertEquals(9, h.output(i).get(0).paint(), "metadata copied");
                assertEquals(12345, h.output(i).get(0).timestampNanos());
            }
            assertSame(p, h.output(2).get(0));
            assertNotSame(p, h.output(0).get(0));
            assertNotSame(h.output(0).get(0), h.output(1).get(0));
        }
    }

    @Test
    void copiesAreIndependent() throws Exception {
        try (Harness h = Harness.element("Tee(2)", 1, 2)) {
            h.push(0, seq(60));
            Packet copy = h.output(0).get(0);
            copy.setU8(0, 0xEE);
            copy.pull(10);
            copy.setPaint(3);
            Packet original = h.output(1).get(0);
            assertArrayEquals(seq(60), original.toByteArray());
            assertEquals(0, original.paint());
            assertEquals(50, copy.length());
        }
    }

    @Test
    void copiesThatCannotBeMadeAreCountedAsDrops() throws Exception {
        try (Harness h = Harness.element("Tee", 1, 3)) {
            Packet p = Harness.packet(seq(60));
            List<Packet> taken = TestPackets.exhaustPool(1);
            try {
                h.push(0, p);
            } finally {
                TestPackets.release(taken);
            }
            assertEquals(1, h.count(0), "the one free packet became the first copy");
            assertEquals(0, h.count(1));
            assertSame(p, h.output(2).get(0));
            assertEquals("1", h.read("drops"));
            assertEquals(1, ((Tee) h.element()).drops());
        }
    }

    @Test
    void armsMustMatchTheConnectedOutputs() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("Tee(2)", 1, 3));
        assertTrue(e.getMessage().contains("N: 2 arms given, but 3 outputs are connected"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Harness.element("Tee(zero)", 1, 1));
        assertTrue(e.getMessage().contains("N: expected integer"), e.getMessage());
    }
}
