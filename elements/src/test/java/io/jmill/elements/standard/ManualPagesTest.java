package io.jmill.elements.standard;

import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every element is indexed, with a manual page that gives a synopsis, a usage line and an example. */
class ManualPagesTest {
    private static final List<String> ELEMENTS = List.of("InfiniteSource", "Discard", "Counter", "Idle", "Null",
            "Queue", "SimpleQueue", "Unqueue", "Tee", "Paint", "Print", "Strip", "Unstrip");

    @Test
    void everyElementHasAManualPage() {
        ElementRegistry registry = ElementRegistry.load();
        for (String name : ELEMENTS) {
            ElementClass ec = registry.find(name);
            assertNotNull(ec, name + " is indexed");
            String manual = ec.manual();
            assertTrue(ec.synopsis().endsWith("."), name + ": synopsis '" + ec.synopsis() + "'");
            assertTrue(manual.contains(ec.name() + "(") || manual.matches("(?s).*\\n\\s*" + ec.name() + "\\s*\\n.*"),
                    name + ": usage line\n" + manual);
            assertTrue(manual.contains("Example"), name + ": example\n" + manual);
            assertTrue(manual.contains("Ports:"), name + ": ports\n" + manual);
        }
        assertEquals("Generates packets whenever scheduled.", registry.find("InfiniteSource").synopsis());
        assertEquals(registry.find("Queue"), registry.find("SimpleQueue"));
    }
}
