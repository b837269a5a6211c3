package io.jmill.elements.standard;

import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every element class of the library ({@code io.jmill.elements}) that the registry finds has a manual page with a synopsis, a usage line, its
 * ports and an example: {@code jmill elements} and docs/elements.md are generated from them.
 */
class ManualPagesTest {
    static final String LIBRARY = "io.jmill.elements.";

    @Test
    void everyElementHasAManualPage() {
        ElementRegistry registry = ElementRegistry.load();
        List<String> problems = new ArrayList<>();
        int classes = 0;
        for (ElementClass ec : registry.all()) {
            if (!ec.type().getName().startsWith(LIBRARY)) {
                continue; // test elements of other modules, indexed on the test class path
            }
            classes++;
            String name = ec.name();
            String manual = ec.manual();
            if (manual.isBlank()) {
                problems.add(name + ": no manual page");
                continue;
            }
            if (!ec.synopsis().endsWith(".")) {
                problems.add(name + ": synopsis '" + ec.synopsis() + "'");
            }
            if (!manual.contains(name + "(") && !manual.matches("(?s).*\\n\\s*" + name + "\\s*\\n.*")) {
                problems.add(name + ": no usage line");
            }
            if (!manual.contains("Example")) {
                problems.add(name + ": no example");
            }
            if (!manual.contains("Ports:")) {
                problems.add(name + ": no ports");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(classes >= 60, classes + " classes found through the registry");
        assertEquals("Generates packets whenever scheduled.", registry.find("InfiniteSource").synopsis());
        assertEquals(registry.find("Queue"), registry.find("SimpleQueue"));
    }
}
