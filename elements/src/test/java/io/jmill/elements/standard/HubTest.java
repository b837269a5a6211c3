package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.standard.TestPackets.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class HubTest {

    @Test
    void aPacketGoesOutOfEveryOutputButItsOwn() throws Exception {
        try (Harness h = Harness.element("Hub", 3, 3)) {
            Packet p = Harness.packet(seq(60));
            h.push(1, p);
            assertEquals(1, h.count(0));
            assertEquals(0, h.count(1));
            assertEquals(1, h.count(2));
            assertSame(p, h.output(2).get(0), "the original goes to the last output");
            assertArrayEquals(seq(60), h.outputBytes(0).get(0));
            h.push(2, seq(40));
            assertEquals(2, h.count(0));
            assertEquals(1, h.count(1));
            assertEquals(1, h.count(2));
            assertEquals(40, h.output(1).get(0).length());
        }
    }

    @Test
    void aOnePortHubDropsWhatArrives() throws Exception {
        try (Harness h = Harness.element("Hub", 1, 1)) {
            h.push(0, seq(60));
            assertEquals(0, h.count(0));
        }
    }

    @Test
    void duplicateIsTee() throws Exception {
        try (Harness h = Harness.element("Duplicate", 1, 2)) {
            Packet p = Harness.packet(seq(60));
            h.push(0, p);
            assertEquals(1, h.count(0));
            assertSame(p, h.output(1).get(0));
        }
    }
}
