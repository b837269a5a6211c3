package io.jmill.bench.suite;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistriesTest {
    @Test
    void aModeWithVariablesAppliesOnlyWhereTheyAreUsed() {
        Mode xchange = Modes.find("xchange");
        assertTrue(xchange.appliesTo("FromNIC(MODEL $MODEL) -> ToNIC;"));
        assertTrue(xchange.appliesTo("FromNIC(MODEL ${MODEL-copying}) -> ToNIC;"));
        assertFalse(xchange.appliesTo("FromNIC(MODEL $MODELS) -> ToNIC;"));
        assertFalse(xchange.appliesTo("InfiniteSource -> Discard;"));
        assertTrue(Modes.find("generic").appliesTo("InfiniteSource -> Discard;"));
    }

    @Test
    void everyBenchLocalNfConfigurationExists() {
        Path nowhere = Path.of("no-examples-here");
        for (Nf nf : Nfs.all()) {
            if (nf.resource() != null) {
                Nf.Config c = nf.locate(nowhere);
                assertNotNull(c, nf.name());
                assertEquals("resource:" + nf.resource(), c.origin());
                assertTrue(c.text().contains("$SIZE"), nf.name() + " uses $SIZE");
            }
        }
    }

    @Test
    void anExampleReplacesTheBenchLocalConfiguration(@org.junit.jupiter.api.io.TempDir Path examples) throws Exception {
        java.nio.file.Files.writeString(examples.resolve("router.click"), "// the real one\n");
        Nf.Config c = Nfs.resolve("router", examples);
        assertTrue(c.origin().startsWith("file:"), c.origin());
        assertEquals("// the real one\n", c.text());
    }

    @Test
    void perfCyclesAreReadFromItsCsvOutput() {
        assertEquals(123456789L, Cycles.parse("123456789,,cycles,1000000,100.00,,\n"));
        assertEquals(42L, Cycles.parse("42,,cycles:u,1000,100.00,,"));
        assertEquals(-1L, Cycles.parse("<not supported>,,cycles,0,100.00,,"));
        assertEquals(-1L, Cycles.parse("<not counted>,,cycles,0,0.00,,"));
        assertEquals(-1L, Cycles.parse("perf: command not found"));
    }
}
