package io.jmill.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the build put the Graal compiler and its companions ({@code cli/target/lib/graal}, next
 * to the jars of this JVM's class path), for the JVM flags of a mode that compiles with Graal.
 * The system property {@value #PROPERTY} names another folder.
 */
final class GraalJars {
    static final String PROPERTY = "jmill.graal.dir";

    private GraalJars() {
    }

    /** The jars of the Graal folder, or an empty list if there is none (the run then falls back to C2 and says why). */
    static List<Path> find() {
        Path dir = folder();
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path folder() {
        String set = System.getProperty(PROPERTY);
        if (set != null) {
            return Path.of(set);
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            Path parent = Path.of(entry).toAbsolutePath().getParent();
            for (Path lib : parent == null ? List.<Path>of() : List.of(parent, parent.resolve("lib"))) {
                if (Files.isDirectory(lib.resolve("graal"))) {
                    return lib.resolve("graal");
                }
            }
        }
        return null;
    }
}
