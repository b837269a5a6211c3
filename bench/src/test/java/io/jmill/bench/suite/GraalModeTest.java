package io.jmill.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraalModeTest {
    @Test
    void theGraalModeGivesItsJvmTheJvmciFlagsTheExportsAndTheGraalJars() {
        Mode graal = Modes.find("specialized-graal");
        assertNotNull(graal);
        List<String> args = graal.jvmArgs();
        assertTrue(args.containsAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI")), args.toString());
        assertTrue(args.contains("jdk.internal.vm.ci/jdk.vm.ci.meta=ALL-UNNAMED"), args.toString());
        assertTrue(args.contains("jdk.graal.compiler/jdk.graal.compiler.hotspot=ALL-UNNAMED"), args.toString());
        assertTrue(args.contains("jdk.graal.compiler/jdk.graal.compiler.nodes.graphbuilderconf=ALL-UNNAMED"), args.toString());
    }

    @Test
    void otherModesAddNoJvmciFlags() {
        for (String name : List.of("generic", "specialized", "specialized-batch")) {
            assertFalse(Modes.find(name).jvmArgs().stream().anyMatch(a -> a.contains("JVMCI") || a.contains("jdk.graal")), name);
        }
    }

    @Test
    void theGraalJarsAreFoundInTheFolderNamedByTheProperty(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("compiler-25.0.3.jar"), "");
        Files.writeString(dir.resolve("word-25.0.3.jar"), "");
        Files.writeString(dir.resolve("README"), "");
        String before = System.getProperty(GraalJars.PROPERTY);
        System.setProperty(GraalJars.PROPERTY, dir.toString());
        try {
            List<Path> jars = GraalJars.find();
            assertEquals(List.of(dir.resolve("compiler-25.0.3.jar"), dir.resolve("word-25.0.3.jar")), jars);
            List<String> flags = io.jmill.jvmci.GraalCompiler.jvmFlags(jars);
            int at = flags.indexOf("--upgrade-module-path");
            assertTrue(at >= 0, flags.toString());
            assertEquals(jars.get(0) + java.io.File.pathSeparator + jars.get(1), flags.get(at + 1));
        } finally {
            if (before == null) {
                System.clearProperty(GraalJars.PROPERTY);
            } else {
                System.setProperty(GraalJars.PROPERTY, before);
            }
        }
    }
}
