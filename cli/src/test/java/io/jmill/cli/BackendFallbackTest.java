package io.jmill.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jmill.cli.ExampleSupport.Result;
import static io.jmill.cli.ExampleSupport.example;
import static io.jmill.cli.ExampleSupport.jmill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a JVM without JVMCI (how this module's ordinary tests run): {@code --backend graal} plans
 * for C2 and says why, and {@code --jvmci-profile} is refused with what to do.
 */
class BackendFallbackTest {
    @Test
    void graalWithoutJvmciFallsBackToC2WithTheReason() throws Exception {
        Result r = jmill(List.of("explain", example("forwarder").toString(), "--plan", "--backend", "graal"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("plan: backend C2"), r.out());
        assertTrue(r.out().contains("why: fallback from Graal: JVMCI is off: start the JVM with"
                + " -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"), r.out());
    }

    @Test
    void jvmciProfileWithoutJvmciIsAUsageError() throws Exception {
        Result r = jmill(List.of("run", example("forwarder").toString(), "--jvmci-profile", "--duration", "1s"));
        assertEquals(Main.USAGE_ERROR, r.status(), r.err());
        assertTrue(r.err().contains("--jvmci-profile: JVMCI is off"), r.err());
    }

    @Test
    void unknownBackendIsAUsageError() throws Exception {
        Result r = jmill(List.of("run", example("forwarder").toString(), "--backend", "llvm"));
        assertEquals(Main.USAGE_ERROR, r.status(), r.err());
        assertTrue(r.err().contains("--backend: unknown backend 'llvm' (c2 or graal)"), r.err());
    }
}
