package io.jmill.cli;

import io.jmill.layout.MetadataLayout;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hot-first metadata layout (the default of a run with a profile): examples/router.click end to end. */
class ExampleLayoutTest {
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaksAndGenericLayout() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
        assertSame(MetadataLayout.generic(), MetadataLayout.active(), "the run left the generic layout active");
    }

    /**
     * Elements of examples/router.click that the built-in traffic never reaches, so that a plan from
     * its profile leaves them generic as cold: ARP, the packets for the router itself, and the
     * error paths of both links.
     */
    private static final java.util.Map<String, String> COLD = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("r/arp", "r/arpreplies", "r/Discard@4", "r/other", "r/Discard@9", "r/tohost",
                            "r/Discard@13", "r/link0/oc", "r/link0/encap"),
                    java.util.stream.Stream.of("0", "1").flatMap(link -> java.util.stream.Stream.of("redirect", "badopt",
                            "ttl", "fr", "needfrag").map(e -> "r/link" + link + "/" + e)))
            .collect(java.util.stream.Collectors.toMap(e -> e, e -> "cold: no packets through it in the profile"));
    /** The other 10 of its 29: from FromNIC through the lookup and link 1's output path to ToNIC. */
    private static final int SPECIALIZED_FROM_PROFILE = 10;

    @Test
    void fromASavedProfileTheRouterStartsOnAHotFirstLayout(@TempDir Path dir) throws Exception {
        Path router = ExampleSupport.example("router");
        Path profile = dir.resolve("p.json");
        ExampleSupport.Result r = ExampleSupport.jmill(List.of("run", router.toString(), "--duration", "1500ms",
                "--specialize", "off", "--profile-out", profile.toString(), "--quiet"));
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isRegularFile(profile));
        assertFalse(r.err().contains("hot-first"), "without a specializer the layout stays generic: " + r.err());

        List<String> args = new java.util.ArrayList<>(List.of("run", router.toString(), "--duration", "1500ms",
                "--profile-in", profile.toString(), "--layout", "hot"));
        ExampleSupport.SPECIALIZER_HANDLERS.forEach(h -> args.addAll(List.of("-h", h)));
        r = ExampleSupport.jmill(args);
        assertEquals(0, r.status(), r.err());
        ExampleSupport.assertSpecialized(r, SPECIALIZED_FROM_PROFILE, COLD);
        assertTrue(ExampleSupport.handler(r, "specializer_plan").startsWith("plan: backend C2, layout hot-first-"),
                "the code in force was generated for the hot-first layout");
        assertTrue(r.err().contains("jmill: layout hot-first-"), r.err());
        assertTrue(r.err().contains("hottest fields in the first cache line"), r.err());
        assertTrue(r.err().contains("specialized before the first packet from the saved profile"), r.err());
        assertTrue(r.err().contains("back to the generic layout"), r.err());
        assertTrue(r.err().contains("drops 0"), r.err());

        r = ExampleSupport.jmill(List.of("explain", router.toString(), "--plan", "--profile-in", profile.toString(),
                "--layout", "hot"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("fields ordered by measured accesses"), r.out());
        assertTrue(r.out().contains("plan: backend C2, layout hot-first-"), r.out());

        // the golden capture, routed entirely on the hot-first layout (specialized code and every
        // metadata model of the driver), comes out exactly as on the generic one; with a saved
        // profile the hot-first layout is the default
        for (String model : List.of("xchange", "copying", "overlaying")) {
            Path in = dir.resolve("in.pcap");
            Path out = dir.resolve("out-" + model + ".pcap");
            ExampleSupport.writePcap(in, ExampleTraffic.frames(ExampleTraffic.router()));
            ExampleSupport.Result g = ExampleSupport.runSpecialized("router", in, out, ExampleRouterTest.HANDLERS,
                    "MODEL=" + model, "--profile-in", profile.toString());
            ExampleSupport.assertSpecialized(g, SPECIALIZED_FROM_PROFILE, COLD);
            assertTrue(ExampleSupport.handler(g, "specializer_plan").startsWith("plan: backend C2, layout hot-first-"),
                    model + ": the code in force was generated for the hot-first layout");
            ExampleSupport.assertGolden("router", out, ExampleSupport.withoutSpecializerHandlers(g));
        }

        r = ExampleSupport.jmill(List.of("run", router.toString(), "--specialize", "now", "--layout", "hot"));
        assertEquals(2, r.status(), "now mode has no profile to order by: " + r.err());
        r = ExampleSupport.jmill(List.of("run", router.toString(), "--specialize", "now", "--duration", "300ms",
                "-h", "specializer_plan"));
        assertEquals(0, r.status(), "without a profile the default layout is the generic one: " + r.err());
        assertTrue(ExampleSupport.handler(r, "specializer_plan").startsWith("plan: backend C2, layout generic"),
                ExampleSupport.handler(r, "specializer_plan"));
    }

    @Test
    void inAutoModeTheLayoutIsSwappedLiveByDefault() throws Exception {
        Path router = ExampleSupport.example("router");
        // no --layout: auto mode plans the hot-first layout by default
        List<String> args = new java.util.ArrayList<>(List.of("run", router.toString(), "--duration", "12s"));
        ExampleSupport.SPECIALIZER_HANDLERS.forEach(h -> args.addAll(List.of("-h", h)));
        ExampleSupport.Result r = ExampleSupport.jmill(args);
        assertEquals(0, r.status(), r.err());
        // the first re-sampling comes 10 s after the layout swap: at exit, the code of that swap runs
        ExampleSupport.assertSpecialized(r, SPECIALIZED_FROM_PROFILE, COLD);
        assertTrue(ExampleSupport.handler(r, "specializer_plan").startsWith("plan: backend C2, layout hot-first-"),
                "the code in force was generated for the hot-first layout");
        assertTrue(r.err().contains("speed-up: generic"), r.err());
        assertTrue(r.err().contains("live packets converted, specialized code re-generated for the new layout"), r.err());
        assertTrue(r.err().contains("layout speed-up: specialized on layout generic"), r.err());
        assertTrue(r.err().contains("back to the generic layout"), r.err());
    }

    @Test
    void inAutoModeAnABTestOfLayoutsRunsOnTheLiveTrafficAndKeepsTheWinner() throws Exception {
        Path router = ExampleSupport.example("router");
        ExampleSupport.Result r = ExampleSupport.jmill(List.of("run", router.toString(), "--duration", "22s",
                "--layout", "ab"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("speed-up: generic"), r.err());
        assertTrue(r.err().matches("(?s).*A/B generic vs hot-first-\\d+ over 6 pairs: hot-first-\\d+/generic = x[0-9.]+"
                + " \\(95% CI x[0-9.]+-x[0-9.]+\\); .* kept.*"), r.err());

        r = ExampleSupport.jmill(List.of("run", router.toString(), "--specialize", "now", "--layout", "ab"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--layout ab: runs after the first specialization"), r.err());
        r = ExampleSupport.jmill(List.of("explain", router.toString(), "--plan", "--layout", "ab"));
        assertEquals(2, r.status(), r.err());
    }
}
