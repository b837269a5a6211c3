package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.router.Router;
import io.jmill.specializer.codegen.ElementAnalysis;
import io.jmill.specializer.testelements.BadHuge;
import io.jmill.specializer.testelements.BadLambda;
import io.jmill.specializer.testelements.BadMutable;
import io.jmill.specializer.testelements.BadPrivateStatic;
import io.jmill.specializer.testelements.BadSubclass;
import io.jmill.specializer.testelements.BadSynchronized;
import io.jmill.specializer.testelements.ParitySwitch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every reason to leave an element generic, each with a deliberately bad element, and never silently. */
class KeepGenericTest {

    private static String reason(Class<? extends Element> type) {
        return ElementAnalysis.of(type).reason();
    }

    /**
     * Every class of the element library, found through the registry, can be specialized: a class
     * that cannot must be listed here with the reason the analysis gives, so that the plan's
     * "left generic" is a known decision and not a surprise. (FlowIPNATReverse kept its FlowIPNAT
     * in a non-final field, DriverManager's copy could not reach a private static of Script: both
     * fixed, the list is empty.)
     */
    @Test
    void everyLibraryElementIsSpecializable() {
        Map<String, String> expectedGeneric = Map.of();
        Map<String, String> generic = new TreeMap<>();
        int classes = 0;
        for (ElementClass ec : ElementRegistry.load().all()) {
            if (!ec.type().getName().startsWith("io.jmill.elements.")) {
                continue;
            }
            classes++;
            String why = reason(ec.type());
            if (why != null) {
                generic.put(ec.name(), why);
            }
        }
        assertEquals(expectedGeneric, generic, "library classes the specializer leaves generic, and why");
        assertTrue(classes >= 60, classes + " classes found through the registry");
    }

    @Test
    void nonFinalField() {
        assertTrue(reason(BadMutable.class).startsWith("non-final field 'seen'"), reason(BadMutable.class));
    }

    @Test
    void nonFinalFieldOfASuperclass() {
        // The copy flattens its superclasses' fields: the non-final-field rule holds for each of them.
        assertTrue(reason(BadSubclass.class).startsWith("non-final field 'seen' of superclass "
                + "io.jmill.specializer.testelements.BadBase: run-time state must live in a state object"),
                reason(BadSubclass.class));
    }

    @Test
    void superclassCodeUsingAMemberTheCopyCannotReach() {
        // The copy is a nestmate of the element's class only: a superclass's private static is out of its reach.
        assertEquals("method 'simpleAction' of superclass io.jmill.specializer.testelements.BadPrivateStaticBase uses "
                + "private field io.jmill.specializer.testelements.BadPrivateStaticBase.TOTAL (the copy is a nestmate "
                + "of BadPrivateStatic only): the specialized copy could not reach it", reason(BadPrivateStatic.class));
    }

    @Test
    void lambdaInADataPlaneMethod() {
        assertTrue(reason(BadLambda.class).startsWith("method 'push' creates a lambda"), reason(BadLambda.class));
    }

    @Test
    void lockingThis() {
        assertTrue(reason(BadSynchronized.class).startsWith("method 'push' locks 'this'"), reason(BadSynchronized.class));
    }

    @Test
    void methodTooLargeToCompile() {
        assertTrue(reason(BadHuge.class).matches("method 'push' is \\d+ bytes of bytecode: HotSpot does not compile "
                + "methods over 8000 bytes"), reason(BadHuge.class));
    }

    @Test
    void notPublic() throws Exception {
        Class<? extends Element> type = Class.forName("io.jmill.specializer.testelements.NotPublic")
                .asSubclass(Element.class);
        assertEquals("class io.jmill.specializer.testelements.NotPublic is not public", reason(type));
    }

    @Test
    void classFileNotFound() throws Exception {
        // ParitySwitch under another name, defined from bytes at run time: there is no class file to read.
        Class<? extends Element> type = RuntimeClasses.renamed(ParitySwitch.class, "RuntimeSwitch");
        assertEquals("class file of io.jmill.specializer.testelements.RuntimeSwitch not found (defined at run time?)",
                reason(type));
    }

    @Test
    void definitionFailureIsRecordedNotThrown() throws Exception {
        Router r = Routers.build("src :: NumberedSource(LIMIT 10) -> s :: BadSelf -> c :: Counter -> d :: Discard");
        try {
            Specializer specializer = new Specializer(r);
            Plan plan = specializer.plan(null);
            assertTrue(plan.specializedElements().contains("s"), "the plan cannot foresee a verification error");
            Specialization spec = specializer.generate(plan);
            Decision d = decision(spec.decisions(), Decision.KEEP_GENERIC, "s");
            assertTrue(d.reason().startsWith("definition failed: java.lang.VerifyError"), d.reason());
            assertNull(spec.copy("s"));
            assertEquals(List.of("d", "c", "src"), spec.specializedElements());
            Decision edge = decision(spec.decisions(), Decision.DEVIRTUALIZE_EDGE, "src [0] -> [0] s");
            assertTrue(edge.detail().contains("s stays generic"), edge.detail());
            assertTrue(spec.decisions().stream().noneMatch(x -> x.subject().equals("s [0] -> [0] c")),
                    "no devirtualized edge out of a generic element");
        } finally {
            r.close();
        }
    }

    @Test
    void everyElementHasExactlyOneVerdictInThePlan() throws Exception {
        ElementRegistry registry = Routers.registry();
        Router r = Routers.build(registry, "src :: NumberedSource(LIMIT 10) -> m :: BadMutable -> sub :: BadSubclass"
                + " -> l :: BadLambda -> y :: BadSynchronized -> h :: BadHuge -> c :: Counter -> d :: Discard");
        try {
            Plan plan = new Specializer(r).plan(null);
            for (Element e : r.elements()) {
                long verdicts = plan.decisions().stream().filter(d -> d.subject().equals(e.name())
                        && (d.kind().equals(Decision.FOLD_CONSTANTS) || d.kind().equals(Decision.KEEP_GENERIC))).count();
                assertEquals(1, verdicts, e.name());
            }
            assertEquals(List.of("m", "sub", "l", "y", "h"), plan.decisions().stream()
                    .filter(d -> d.kind().equals(Decision.KEEP_GENERIC)).map(Decision::subject).toList());
            assertTrue(plan.toText().contains("keep-generic       m: io.jmill.specializer.testelements.BadMutable"),
                    plan.toText());
        } finally {
            r.close();
        }
    }

    private static Decision decision(List<Decision> decisions, String kind, String subject) {
        return decisions.stream().filter(d -> d.kind().equals(kind) && d.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " for " + subject + " in " + decisions));
    }
}
