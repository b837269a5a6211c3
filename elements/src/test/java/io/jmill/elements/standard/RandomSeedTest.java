package io.jmill.elements.standard;

import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSeedTest {
    @Test
    void aSeedGivesTheCLibrarySequence() {
        RouterRandom.seed(1);
        // random() after srandom(1), as the C library (and so Click at user level) draws it
        assertEquals(1804289383, RouterRandom.next());
        assertEquals(846930886, RouterRandom.next());
        assertEquals(1681692777, RouterRandom.next());
        RouterRandom.seed(1);
        assertEquals(54202, RouterRandom.upTo(64510), "click_random(0, 64510): 1804289383 / (2^31 / 64511)");
        for (int i = 0; i < 1000; i++) {
            int v = RouterRandom.upTo(6);
            assertTrue(v >= 0 && v <= 6);
        }
    }

    @Test
    void theElementSeedsAtConfigurationAndThroughItsHandler() throws Exception {
        try (Harness h = Harness.graph("RandomSeed(1); input -> output;", 1, 1)) {
            assertEquals(1804289383, RouterRandom.next());
        }
        try (Harness h = Harness.graph("s :: RandomSeed(7); input -> output;", 1, 1)) {
            assertEquals("7", h.read("e/s.seed"));
            h.write("e/s.seed", "1");
            assertEquals(1804289383, RouterRandom.next());
        }
    }
}
