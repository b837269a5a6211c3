package io.jmill.engine.lang;

import static io.jmill.engine.lang.Fixtures.connections;
import static io.jmill.engine.lang.Fixtures.elements;
import static io.jmill.engine.lang.Fixtures.errors;
import static io.jmill.engine.lang.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequireTest {

    @TempDir
    Path dir;

    @Test
    void requirementsAreSplitIntoKindAndWords() throws ConfigException {
        FlatConfig config = parse("require(package \"fastclick\", jmill 0.1);\nrequire(fastclassifier)\n");
        assertEquals(List.of(
                new Requirement("package", List.of("fastclick"), new Location("test.click", 1, 9)),
                new Requirement("jmill", List.of("0.1"), new Location("test.click", 1, 30)),
                new Requirement("fastclassifier", List.of(), new Location("test.click", 2, 9))),
                config.requirements());
    }

    @Test
    void libraryProvidesClassesDefinesAndElements() throws IOException, ConfigException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/common.click"), """
                define($LIMIT 42)
                elementclass Limited { input -> Counter(LIMIT $LIMIT) -> output }
                shared :: Idle;
                require(library more.click, package common)
                """);
        Files.writeString(dir.resolve("lib/more.click"), """
                elementclass Wire { input -> output }
                require(library common.click)  // circular: already loaded, ignored
                """);
        Path main = dir.resolve("router.click");
        Files.writeString(main, """
                require(library lib/common.click);
                require(library "lib/common.click");
                shared -> Limited -> Wire -> Discard;
                """);

        FlatConfig config = ClickParser.parseFile(main, Map.of());
        assertEquals(List.of("shared :: Idle()", "Limited@2/Counter@1 :: Counter(LIMIT 42)", "Discard@4 :: Discard()"),
                elements(config));
        assertEquals(List.of("shared [0] -> [0] Limited@2/Counter@1", "Limited@2/Counter@1 [0] -> [0] Discard@4"),
                connections(config));
        assertEquals(List.of(new Requirement("package", List.of("common"),
                new Location(dir.resolve("lib/common.click").toString(), 4, 29))), config.requirements());
        assertEquals(dir.resolve("lib/common.click").toString(), config.elements().getFirst().location().file());
    }

    @Test
    void missingLibraryIsAnErrorAtItsName() {
        assertEquals(List.of("test.click:2:17: library file 'no/such.click' not found"),
                errors("a :: Idle\nrequire(library no/such.click)\n"));
    }

    @Test
    void libraryNeedsExactlyOneFile() {
        assertEquals(List.of("test.click:1:9: 'require(library FILE)' takes exactly one file name"),
                errors("require(library)"));
    }

    @Test
    void errorsInsideALibraryNameTheLibraryFile() throws IOException {
        Path lib = dir.resolve("bad.click");
        Files.writeString(lib, "x :: Idle; y :: Idle -> ;\n");
        Path main = dir.resolve("main.click");
        Files.writeString(main, "require(library bad.click)\nx :: Idle\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ClickParser.parseFile(main, Map.of()));
        assertEquals(lib + ":1:25: expected element or element class, got ';'\n"
                + main + ":2:1: redeclaration of element 'x' (first declared at " + lib + ":1:1)", e.getMessage());
    }
}
