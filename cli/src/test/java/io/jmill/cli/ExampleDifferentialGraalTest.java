package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jmill.cli.ExampleSupport.Result;
import static io.jmill.cli.ExampleSupport.handler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential test of every example ({@link ExampleDifferentialTest#agree}) with
 * {@code --backend graal}: the specialized code, compiled by Graal and installed through JVMCI
 * before the first packet, must give the same frames and handler values as the generic run, and
 * the run must say that Graal compiled it, with no fallback to C2, and inlined the whole chain of
 * copies into the batch loops (no call into a copy left). Runs in the module's
 * {@code graal} surefire execution (JVMCI on, Graal on the upgrade module path).
 */
class ExampleDifferentialGraalTest {
    private static final Pattern COMPILED = Pattern.compile("compile: (\\d+) methods compiled by Graal .*?; (\\d+) methods of"
            + " the chain inlined, (\\d+) calls into it left");
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"forwarder", "router", "ids-router", "nat", "workpackage"})
    void graalCompiledCodeAgreesWithGenericExactly(String name, @TempDir Path dir) throws Exception {
        Result r = ExampleDifferentialTest.agree(name, dir, "--backend", "graal");
        String plan = handler(r, "specializer_plan");
        assertTrue(plan.startsWith("plan: backend Graal"), plan);
        assertFalse(plan.contains("fallback"), plan);
        Matcher m = COMPILED.matcher(handler(r, "specializer_swaps"));
        assertTrue(m.find(), "the swap history records Graal's compilation:\n" + handler(r, "specializer_swaps"));
        assertTrue(Integer.parseInt(m.group(1)) > 0, "Graal compiled the batch loops");
        assertTrue(Integer.parseInt(m.group(2)) > 0, "the chain is inlined into them: " + m.group());
        assertEquals("0", m.group(3), "no call into the chain is left out of line: " + m.group());
    }
}
